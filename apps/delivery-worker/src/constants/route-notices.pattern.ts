/** The `@EventPattern` record-changed batches are routed to. */
export const ROUTE_NOTICES_PATTERN = 'delivery.route';
