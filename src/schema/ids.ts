/** The database id inside a global id; anything that cannot be one becomes 0, which matches no row. */
export function rowId(id: string): number {
  const value = Number(id);
  return Number.isSafeInteger(value) && value > 0 && value <= 2_147_483_647 ? value : 0;
}
