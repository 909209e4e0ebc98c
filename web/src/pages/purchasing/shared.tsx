/** What the purchasing cards share: the page envelope, page size and the code selects. */
export { SupplierSelect, WarehouseSelect, useSuppliers } from '../../components/code-selects.tsx';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const PAGE_SIZE = 50;
