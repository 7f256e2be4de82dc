import { printSchema } from 'graphql';
import { schema } from './index.js';

/** The SDL committed as schema.graphql. */
export function printedSchema(): string {
  return `${printSchema(schema)}\n`;
}
