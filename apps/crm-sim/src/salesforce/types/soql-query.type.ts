import type { SoqlCondition } from './soql-condition.type';
import type { SoqlOrderBy } from './soql-order-by.type';

/** The SOQL subset the sim runs: fields or COUNT(), one object, WHERE, ORDER BY, LIMIT, OFFSET. */
export interface SoqlQuery {
  select: 'count' | string[];
  from: string;
  where?: SoqlCondition;
  orderBy: SoqlOrderBy[];
  limit?: number;
  offset?: number;
}
