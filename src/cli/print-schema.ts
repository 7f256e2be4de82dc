import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { printedSchema } from '../schema/print.js';

const target = fileURLToPath(new URL('../../schema.graphql', import.meta.url));
await writeFile(target, printedSchema());
console.log('Wrote schema.graphql');
