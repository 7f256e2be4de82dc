// What the rendering threads run (see render-pool.ts): one post's derived content per task.
import { derivePostContent } from '../content/derive.js';

export default derivePostContent;
