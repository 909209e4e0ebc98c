/** How a stock position is shown: its seven quantities and S, the one view every use case answers with. */
import { quantitiesOf, type PositionRow } from '../db/stock.ts';
import { sellable, type Quantities } from '../domain/quantities.ts';

export type PositionView = { warehouse: string } & Quantities & { sellable: number };

export function positionView(row: PositionRow): PositionView {
  const q = quantitiesOf(row);
  return { warehouse: row.warehouse, ...q, sellable: sellable(q) };
}
