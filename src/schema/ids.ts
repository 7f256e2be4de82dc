const MAX_ROW_ID = 2_147_483_647;

/**
 * The database id inside a global id, which this API always writes as a plain decimal ("Post:42").
 * Any other spelling (" 42", "042", "4.2e1") is not an id we handed out and becomes 0, which
 * matches no row.
 */
export function rowId(id: string): number {
  if (!/^[1-9][0-9]{0,9}$/.test(id)) return 0;
  const value = Number(id);
  return value <= MAX_ROW_ID ? value : 0;
}
