import { InitialSchema1763800000000 } from './1763800000000-initial-schema';

/** Migrations in order; listed as classes so they run the same from ts-node, dist and tests. */
export const MIGRATIONS = [InitialSchema1763800000000];
