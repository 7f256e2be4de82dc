import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's folder. This module sits one level below it, in src/ when run from source and
 * in dist/ when bundled (where every module shares dist/main.mjs's URL), so one level up is
 * right in both.
 */
export const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));

export const projectPath = (...segments: string[]): string => path.join(PROJECT_ROOT, ...segments);
