import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

// The Node versions package.json promises must be ones every installed package accepts, or npm
// warns (EBADENGINE) and the promise is not true.
const project = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean; os?: string[]; cpu?: string[] }>;
};

describe('the supported Node versions', () => {
  it('are ones every locked package accepts', () => {
    const promised = project.engines.node;
    const refusing = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      // Packages for other platforms are never installed here.
      .filter(([, entry]) => !(entry.optional && (entry.os || entry.cpu)))
      .flatMap(([path, entry]) => {
        const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        return range && !semver.subset(promised, range) ? [`${path.replace(/^.*node_modules\//, '')} wants Node ${range}`] : [];
      });
    expect(refusing).toEqual([]);
  });
});
