import { SalesforceApiException } from '../exceptions/salesforce-api.exception';
import type { SoqlToken } from '../types/soql-token.type';

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}(?![\dT])/;
const NUMBER = /^-?\d+(\.\d+)?/;
const WORD = /^[A-Za-z_][A-Za-z0-9_.]*/;
const SYMBOL = /^(<=|>=|!=|<>|=|<|>|\(|\)|,)/;

/** Splits SOQL into tokens; datetime/date literals are unquoted, as SOQL writes them. */
export function tokenizeSoql(soql: string): SoqlToken[] {
  const tokens: SoqlToken[] = [];
  let rest = soql;
  while (true) {
    rest = rest.replace(/^\s+/, '');
    if (rest === '') break;
    if (rest.startsWith("'")) {
      let value = '';
      let i = 1;
      for (; i < rest.length && rest[i] !== "'"; i += 1) {
        if (rest[i] === '\\' && i + 1 < rest.length) {
          i += 1;
          const escaped = rest[i];
          value += escaped === 'n' ? '\n' : escaped === 't' ? '\t' : escaped;
        } else {
          value += rest[i];
        }
      }
      if (i >= rest.length) throw malformed('unterminated string literal');
      tokens.push({ kind: 'string', value, text: rest.slice(0, i + 1) });
      rest = rest.slice(i + 1);
      continue;
    }
    let m = DATETIME.exec(rest);
    if (m) {
      const iso = m[0].replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
      const value = Date.parse(iso);
      if (Number.isNaN(value)) throw malformed(`invalid datetime literal: ${m[0]}`);
      tokens.push({ kind: 'datetime', value, text: m[0] });
      rest = rest.slice(m[0].length);
      continue;
    }
    m = DATE.exec(rest);
    if (m) {
      tokens.push({ kind: 'date', value: m[0], text: m[0] });
      rest = rest.slice(m[0].length);
      continue;
    }
    m = NUMBER.exec(rest);
    if (m) {
      tokens.push({ kind: 'number', value: Number(m[0]), text: m[0] });
      rest = rest.slice(m[0].length);
      continue;
    }
    m = WORD.exec(rest);
    if (m) {
      tokens.push({ kind: 'word', text: m[0], upper: m[0].toUpperCase() });
      rest = rest.slice(m[0].length);
      continue;
    }
    m = SYMBOL.exec(rest);
    if (m) {
      tokens.push({ kind: 'symbol', text: m[0] === '<>' ? '!=' : m[0] });
      rest = rest.slice(m[0].length);
      continue;
    }
    throw malformed(`unexpected token: '${rest.split(/\s/, 1)[0]}'`);
  }
  tokens.push({ kind: 'end', text: '<EOF>' });
  return tokens;
}

function malformed(message: string): SalesforceApiException {
  return new SalesforceApiException(400, 'MALFORMED_QUERY', message);
}
