// The ledger property (test/property/ledger/property.ts) on embedded PGlite. Each back end has
// its own file so that the two runs, the longest in the suite, go to different workers.
import { pglite } from '../helpers/backends.ts';
import { describeLedgerProperty } from './ledger/property.ts';

describeLedgerProperty(pglite);
