import type { Destination } from '@syncline/control-plane';

/** What syncctl shows of the admin API's destination (credentials are never returned anyway). */
export type DestinationSummary = Pick<Destination, 'id' | 'tenant' | 'name' | 'kind' | 'paused'>;
