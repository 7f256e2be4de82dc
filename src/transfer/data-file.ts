import path from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { ContentFormatError } from '../content/format-error.js';

export type DataFields = Record<string, unknown>;

export const DATA_FILE_EXTENSIONS = ['.yaml', '.yml', '.toml', '.json'];

/** A Hugo or Jekyll data or config file, parsed by its extension; it must hold a mapping. */
export function parseDataFile(text: string, fileName: string): DataFields {
  const value = parseByExtension(text, fileName);
  if (!isDataFields(value)) throw new ContentFormatError('expected a mapping of keys at the top', fileName);
  return value;
}

export function isDataFields(value: unknown): value is DataFields {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** A text field: null when absent or empty, an error naming the key when it is not text. */
export function optionalText(fields: DataFields, key: string, fileName: string): string | null {
  const value = fields[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new ContentFormatError(`${key} must be text`, fileName);
  return value.trim() === '' ? null : value;
}

function parseByExtension(text: string, fileName: string): unknown {
  const extension = path.extname(fileName).toLowerCase();
  try {
    if (extension === '.toml') return parseToml(text);
    if (extension === '.json') return JSON.parse(text);
    return parseYaml(text, { prettyErrors: false }) ?? {};
  } catch (error) {
    if (error instanceof TomlError || error instanceof YAMLParseError || error instanceof SyntaxError) {
      throw new ContentFormatError(`cannot be read: ${error.message.split('\n')[0]}`, fileName, undefined, { cause: error });
    }
    throw error;
  }
}
