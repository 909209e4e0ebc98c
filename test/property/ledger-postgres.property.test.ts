// The ledger property (test/property/ledger/property.ts) on a PostgreSQL server. Each back end has
// its own file so that the two runs, the longest in the suite, go to different workers. Without a
// server (a laptop) it is reported as skipped; in CI global-setup requires one.
import { it } from 'vitest';
import { pgAdminUrl, postgres } from '../helpers/backends.ts';
import { describeLedgerProperty } from './ledger/property.ts';

if (pgAdminUrl()) describeLedgerProperty(postgres);
else it.skip('ledger property on postgres: no PostgreSQL server', () => {});
