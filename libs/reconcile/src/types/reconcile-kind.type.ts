/** `cache`: Postgres vs Redis; `crm`: Postgres vs each destination. */
export type ReconcileKind = 'cache' | 'crm';
