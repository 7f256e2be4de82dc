import { writeFile } from 'node:fs/promises';
import { projectPath } from '../paths.js';
import { printedSchema } from '../schema/print.js';

const target = projectPath('schema.graphql');
await writeFile(target, printedSchema());
console.log('Wrote schema.graphql');
