import { SalesforceApiException } from '../exceptions/salesforce-api.exception';
import type { SoqlComparison } from '../types/soql-comparison.type';
import type { SoqlCondition } from '../types/soql-condition.type';
import type { SoqlLiteral } from '../types/soql-literal.type';
import type { SoqlOrderBy } from '../types/soql-order-by.type';
import type { SoqlQuery } from '../types/soql-query.type';
import type { SoqlToken } from '../types/soql-token.type';
import { tokenizeSoql } from './tokenize-soql.util';

const COMPARISONS = new Set(['=', '!=', '<', '<=', '>', '>=']);

/**
 * Parses the SOQL subset reconciliation needs. Like Salesforce, mixing AND and OR without
 * parentheses is a MALFORMED_QUERY.
 */
export function parseSoql(soql: string): SoqlQuery {
  return new SoqlParser(tokenizeSoql(soql)).query();
}

class SoqlParser {
  private pos = 0;

  constructor(private readonly tokens: SoqlToken[]) {}

  query(): SoqlQuery {
    this.keyword('SELECT');
    let select: SoqlQuery['select'];
    if (this.isWord('COUNT') && this.peek(1).text === '(') {
      this.next();
      this.symbol('(');
      this.symbol(')');
      select = 'count';
    } else {
      select = [this.field()];
      while (this.peek().text === ',') {
        this.next();
        select.push(this.field());
      }
    }
    this.keyword('FROM');
    const from = this.field();
    const query: SoqlQuery = { select, from, orderBy: [] };
    if (this.isWord('WHERE')) {
      this.next();
      query.where = this.condition();
    }
    if (this.isWord('ORDER')) {
      this.next();
      this.keyword('BY');
      query.orderBy.push(this.orderItem());
      while (this.peek().text === ',') {
        this.next();
        query.orderBy.push(this.orderItem());
      }
    }
    if (this.isWord('LIMIT')) {
      this.next();
      query.limit = this.integer();
    }
    if (this.isWord('OFFSET')) {
      this.next();
      query.offset = this.integer();
    }
    const end = this.peek();
    if (end.kind !== 'end') throw unexpected(end);
    return query;
  }

  private condition(): SoqlCondition {
    const first = this.unary();
    const operands = [first];
    let joiner: 'AND' | 'OR' | undefined;
    while (this.isWord('AND') || this.isWord('OR')) {
      const word = this.next() as Extract<SoqlToken, { kind: 'word' }>;
      const op = word.upper as 'AND' | 'OR';
      // SOQL: "WHERE a = 1 AND b = 2 OR c = 3" is an error; parentheses are required.
      if (joiner && joiner !== op) throw unexpected(word);
      joiner = op;
      operands.push(this.unary());
    }
    if (!joiner) return first;
    return { kind: joiner === 'AND' ? 'and' : 'or', operands };
  }

  private unary(): SoqlCondition {
    if (this.isWord('NOT')) {
      this.next();
      return { kind: 'not', operand: this.unary() };
    }
    if (this.peek().text === '(') {
      this.next();
      const inner = this.condition();
      this.symbol(')');
      return inner;
    }
    const field = this.field();
    if (
      this.isWord('NOT') &&
      this.peek(1).kind === 'word' &&
      (this.peek(1) as { upper: string }).upper === 'IN'
    ) {
      this.next();
      this.next();
      return { kind: 'in', field, negated: true, values: this.literalList() };
    }
    if (this.isWord('IN')) {
      this.next();
      return { kind: 'in', field, negated: false, values: this.literalList() };
    }
    if (this.isWord('LIKE')) {
      this.next();
      const literal = this.next();
      if (literal.kind !== 'string') throw unexpected(literal);
      return { kind: 'like', field, pattern: literal.value };
    }
    const op = this.next();
    if (op.kind !== 'symbol' || !COMPARISONS.has(op.text)) throw unexpected(op);
    return { kind: 'compare', field, op: op.text as SoqlComparison, value: this.literal() };
  }

  private literalList(): SoqlLiteral[] {
    this.symbol('(');
    const values = [this.literal()];
    while (this.peek().text === ',') {
      this.next();
      values.push(this.literal());
    }
    this.symbol(')');
    return values;
  }

  private literal(): SoqlLiteral {
    const token = this.next();
    switch (token.kind) {
      case 'string':
        return { kind: 'string', value: token.value };
      case 'number':
        return { kind: 'number', value: token.value };
      case 'datetime':
        return { kind: 'datetime', value: token.value, text: token.text };
      case 'date':
        return { kind: 'date', value: token.value };
      case 'word':
        if (token.upper === 'TRUE' || token.upper === 'FALSE')
          return { kind: 'boolean', value: token.upper === 'TRUE' };
        if (token.upper === 'NULL') return { kind: 'null' };
        throw unexpected(token);
      case 'symbol':
      case 'end':
        throw unexpected(token);
    }
  }

  private orderItem(): SoqlOrderBy {
    const field = this.field();
    let descending = false;
    if (this.isWord('ASC') || this.isWord('DESC')) {
      descending = (this.next() as { upper: string }).upper === 'DESC';
    }
    let nullsLast = descending;
    if (this.isWord('NULLS')) {
      this.next();
      const which = this.next();
      if (which.kind !== 'word' || (which.upper !== 'FIRST' && which.upper !== 'LAST'))
        throw unexpected(which);
      nullsLast = which.upper === 'LAST';
    }
    return { field, descending, nullsLast };
  }

  private field(): string {
    const token = this.next();
    if (token.kind !== 'word') throw unexpected(token);
    return token.text;
  }

  private integer(): number {
    const token = this.next();
    if (token.kind !== 'number' || !Number.isInteger(token.value) || token.value < 0)
      throw unexpected(token);
    return token.value;
  }

  private keyword(word: string): void {
    const token = this.next();
    if (token.kind !== 'word' || token.upper !== word) throw unexpected(token);
  }

  private symbol(text: string): void {
    const token = this.next();
    if (token.kind !== 'symbol' || token.text !== text) throw unexpected(token);
  }

  private isWord(word: string): boolean {
    const token = this.peek();
    return token.kind === 'word' && token.upper === word;
  }

  private peek(ahead = 0): SoqlToken {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)];
  }

  private next(): SoqlToken {
    const token = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos += 1;
    return token;
  }
}

function unexpected(token: SoqlToken): SalesforceApiException {
  return new SalesforceApiException(400, 'MALFORMED_QUERY', `unexpected token: '${token.text}'`);
}
