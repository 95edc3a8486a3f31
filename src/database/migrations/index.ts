import { InitialSchema1763800000000 } from './1763800000000-initial-schema';
import { SelfService1763900000000 } from './1763900000000-self-service';
import { PromptsCannedResponses1763910000000 } from './1763910000000-prompts-canned-responses';
import { AnalyticsIndexes1763950000000 } from './1763950000000-analytics-indexes';

/** Migrations in order; listed as classes so they run the same from ts-node, dist and tests. */
export const MIGRATIONS = [InitialSchema1763800000000, SelfService1763900000000, PromptsCannedResponses1763910000000, AnalyticsIndexes1763950000000];
