/**
 * The rows of a raw `db.execute(sql)`: postgres.js answers an array, PGlite `{ rows }`. Its own
 * module (not db/client.ts) so the Workers entry can use it without importing PGlite.
 */
export function resultRows<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
