/**
 * Rows for Backstage's `Table` (material-table): each gets a stable `id`, so selection, open details
 * and sorting survive a poll, and the table does not warn about rows without one.
 */
export function withRowIds<T extends object>(
  rows: readonly T[],
  idOf: (row: T) => string,
): Array<T & { id: string }> {
  return rows.map(row => ({ ...row, id: idOf(row) }));
}
