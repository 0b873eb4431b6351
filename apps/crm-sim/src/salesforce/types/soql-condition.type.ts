import type { SoqlComparison } from './soql-comparison.type';
import type { SoqlLiteral } from './soql-literal.type';

export type SoqlCondition =
  | { kind: 'and' | 'or'; operands: SoqlCondition[] }
  | { kind: 'not'; operand: SoqlCondition }
  | { kind: 'compare'; field: string; op: SoqlComparison; value: SoqlLiteral }
  | { kind: 'in'; field: string; negated: boolean; values: SoqlLiteral[] }
  | { kind: 'like'; field: string; pattern: string };
