import { describe, expect, it } from 'vitest';
import { parseLsn } from '../../src/db/read-routing.js';

describe('WAL positions', () => {
  it('orders positions as PostgreSQL does, across the halves', () => {
    expect(parseLsn('0/3000060')).toBe(0x3000060n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
    // Compared as text or as either half alone, these would be ordered wrongly.
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
    expect(parseLsn('A/1') > parseLsn('9/FFFFFFFF')).toBe(true);
  });
});
