import { describe, expect, it } from 'vitest';
import { ContentFormatError } from '../../src/content/format-error.js';
import { parseTagCatalog } from '../../src/content/tag-catalog.js';

function parseError(text: string): ContentFormatError {
  try {
    parseTagCatalog(text, 'tags.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ContentFormatError);
    return error as ContentFormatError;
  }
  throw new Error('expected parseTagCatalog to fail');
}

describe('parseTagCatalog', () => {
  it('maps each slug to its name and description, in file order', () => {
    const catalog = parseTagCatalog(
      [
        'raspberry-pi:',
        '  name: Raspberry Pi',
        '  description: Kubernetes on small boards.',
        'dns:',
        '  name: DNS',
      ].join('\n'),
    );
    expect([...catalog]).toEqual([
      ['raspberry-pi', { name: 'Raspberry Pi', description: 'Kubernetes on small boards.' }],
      ['dns', { name: 'DNS', description: null }],
    ]);
  });

  it('reads an empty file as an empty catalog', () => {
    expect(parseTagCatalog('# nothing yet\n').size).toBe(0);
  });

  describe('rejects, with the line of the tag', () => {
    it('a key that is not a slug', () => {
      const error = parseError('dns:\n  name: DNS\nRaspberry Pi:\n  name: Raspberry Pi\n');
      expect(error.line).toBe(3);
      expect(error.message).toMatch(/^tags\.yaml:3: "Raspberry Pi" is not a tag slug; expected lowercase/);
    });

    it('an entry without a name, or with a name that is not text', () => {
      expect(parseError('dns:\n  description: d\n').message).toMatch(/^tags\.yaml:1: tag dns needs a name/);
      expect(parseError('dns:\n  name: [a]\n').message).toMatch(/tag dns needs a name/);
    });

    it('an entry that is not a mapping', () => {
      expect(parseError('dns: DNS\n').message).toMatch(/tag dns must be a mapping with a name/);
    });

    it('an unknown key, which is usually a typo', () => {
      expect(parseError('dns:\n  name: DNS\n  desc: d\n').message).toMatch(/unknown key "desc"; expected name or description/);
    });

    it('a description that is not text', () => {
      expect(parseError('dns:\n  name: DNS\n  description: 42\n').message).toMatch(/description of tag dns must be text/);
    });

    it('a duplicate slug or invalid YAML', () => {
      expect(parseError('dns:\n  name: A\ndns:\n  name: B\n')).toMatchObject({ line: 3, message: expect.stringMatching(/unique/) });
      expect(parseError('dns: [\n').message).toMatch(/^tags\.yaml:\d+: invalid YAML: /);
    });

    it('a catalog that is not a mapping', () => {
      expect(parseError('- dns\n- git\n').message).toMatch(/expected a mapping from tag slug/);
    });
  });
});
