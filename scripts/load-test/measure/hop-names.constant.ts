/**
 * The hops a change takes, in order, each the difference of two clocks on this machine. The
 * notice's trip to the load test is measurement overhead; the last two exist only for changes that
 * go to a CRM.
 */
export const HOP_NAMES = [
  'commit -> Debezium emit',
  'emit -> Kafka append',
  'append -> worker received',
  'received -> Redis applied',
  'applied -> notice produced',
  'notice -> load test (overhead)',
  'applied -> delivery sent',
  'sent -> CRM stored',
] as const;

export type HopName = (typeof HOP_NAMES)[number];
