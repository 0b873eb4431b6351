import type { SoqlCondition } from './soql-condition.type';

export interface SoqlOrderBy {
  field: string;
  descending: boolean;
  nullsLast: boolean;
}

/** The SOQL subset the sim runs: fields or COUNT(), one object, WHERE, ORDER BY, LIMIT, OFFSET. */
export interface SoqlQuery {
  select: 'count' | string[];
  from: string;
  where?: SoqlCondition;
  orderBy: SoqlOrderBy[];
  limit?: number;
  offset?: number;
}
