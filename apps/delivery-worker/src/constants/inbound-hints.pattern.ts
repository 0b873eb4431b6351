/** The @EventPattern the inbound-hints transport routes its batches to. */
export const INBOUND_HINTS_PATTERN = 'inbound-hints';
