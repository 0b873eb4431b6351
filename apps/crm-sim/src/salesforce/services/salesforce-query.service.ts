import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { SALESFORCE_DEFAULTS } from '../constants/salesforce-defaults.constant';
import { SALESFORCE_SIM_OPTIONS } from '../constants/salesforce-sim-options.token';
import { SalesforceApiException } from '../exceptions/salesforce-api.exception';
import type { SalesforceFieldDefinition } from '../types/salesforce-field-definition.type';
import type { SalesforceQueryPage } from '../types/salesforce-query-page.type';
import type { SalesforceSimOptions } from '../types/salesforce-sim-options.type';
import { compileSoqlCondition } from '../utils/compile-soql-condition.util';
import { parseSoql } from '../utils/parse-soql.util';
import { resolveSoqlField } from '../utils/resolve-soql-field.util';
import { soqlComparable } from '../utils/soql-comparable.util';
import { toSObjectJson } from '../utils/to-sobject-json.util';
import { SalesforceRecordStore } from './salesforce-record.store';
import { SalesforceSchemaRegistry } from './salesforce-schema.registry';

interface Cursor {
  records: Record<string, unknown>[];
  batchSize: number;
  expiresAt: number;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * `query` / `queryAll` with the SOQL subset, and `nextRecordsUrl` paging. Results are
 * snapshotted when the query runs, so later pages do not move under writes (as with a
 * Salesforce query cursor, which expires after 15 minutes of inactivity).
 */
@Injectable()
export class SalesforceQueryService {
  private cursors = new Map<string, Cursor>();
  private readonly defaultBatchSize: number;

  constructor(
    private readonly schemas: SalesforceSchemaRegistry,
    private readonly store: SalesforceRecordStore,
    @Inject(SALESFORCE_SIM_OPTIONS) options: SalesforceSimOptions,
  ) {
    this.defaultBatchSize = options.queryBatchSize ?? SALESFORCE_DEFAULTS.queryBatchSize;
  }

  /** Runs SOQL; `queryOptions` is the Sforce-Query-Options header (batchSize=200..2000). */
  query(
    soql: string,
    version: string,
    includeDeleted: boolean,
    queryOptions: string | undefined,
  ): SalesforceQueryPage {
    if (soql.trim() === '')
      throw new SalesforceApiException(
        400,
        'MALFORMED_QUERY',
        'A query string has to be specified',
      );
    const query = parseSoql(soql);
    const schema = this.schemas.get(query.from);
    if (!schema) {
      throw new SalesforceApiException(
        400,
        'INVALID_TYPE',
        `sObject type '${query.from}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    if (query.offset !== undefined && query.offset > SALESFORCE_DEFAULTS.maxOffset) {
      throw new SalesforceApiException(
        400,
        'NUMBER_OUTSIDE_VALID_RANGE',
        `Maximum SOQL offset allowed is ${SALESFORCE_DEFAULTS.maxOffset}`,
      );
    }
    let fields: SalesforceFieldDefinition[] = [];
    if (query.select !== 'count') {
      const seen = new Set<string>();
      fields = query.select.map((name) => {
        const field = resolveSoqlField(schema, name);
        if (seen.has(field.name))
          throw new SalesforceApiException(
            400,
            'MALFORMED_QUERY',
            `duplicate field selected: ${field.name}`,
          );
        seen.add(field.name);
        return field;
      });
    }
    const predicate = query.where ? compileSoqlCondition(schema, query.where) : () => true;
    const order = query.orderBy.map((o) => ({ ...o, def: resolveSoqlField(schema, o.field) }));

    let matches = this.store
      .all(schema.name)
      .filter((r) => (includeDeleted || !r.isDeleted) && predicate(r));
    if (order.length > 0) {
      matches.sort((a, b) => {
        for (const o of order) {
          const x = soqlComparable(o.def, a.values[o.def.name] ?? null);
          const y = soqlComparable(o.def, b.values[o.def.name] ?? null);
          if (x === y) continue;
          if (x === null) return o.nullsLast ? 1 : -1;
          if (y === null) return o.nullsLast ? -1 : 1;
          const c = x < y ? -1 : 1;
          return o.descending ? -c : c;
        }
        return 0;
      });
    }
    const offset = query.offset ?? 0;
    matches = matches.slice(offset, query.limit === undefined ? undefined : offset + query.limit);
    if (query.select === 'count') return { totalSize: matches.length, done: true, records: [] };

    const records = matches.map((r) => toSObjectJson(schema, r, fields, version));
    const batchSize = this.batchSize(queryOptions);
    if (records.length <= batchSize) return { totalSize: records.length, done: true, records };
    const cursorId = this.openCursor({ records, batchSize, expiresAt: 0 });
    return this.page(cursorId, 0, version);
  }

  /** `GET /query/{locator}`; the locator is `<cursorId>-<offset>`. */
  more(locator: string, version: string): SalesforceQueryPage {
    const match = /^(01g[A-Za-z0-9]{15})-(\d+)$/.exec(locator);
    const cursor = match ? this.cursors.get(match[1]) : undefined;
    if (!match || !cursor || cursor.expiresAt < Date.now()) {
      throw new SalesforceApiException(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    }
    return this.page(match[1], Number(match[2]), version);
  }

  reset(): void {
    this.cursors = new Map();
  }

  private page(cursorId: string, offset: number, version: string): SalesforceQueryPage {
    const cursor = this.cursors.get(cursorId) as Cursor;
    cursor.expiresAt = Date.now() + SALESFORCE_DEFAULTS.cursorTtlMs;
    const end = offset + cursor.batchSize;
    const page: SalesforceQueryPage = {
      totalSize: cursor.records.length,
      done: end >= cursor.records.length,
      records: cursor.records.slice(offset, end),
    };
    if (page.done) this.cursors.delete(cursorId);
    else page.nextRecordsUrl = `/services/data/${version}/query/${cursorId}-${end}`;
    return page;
  }

  private openCursor(cursor: Cursor): string {
    const now = Date.now();
    for (const [id, c] of this.cursors) {
      if (c.expiresAt < now || this.cursors.size >= SALESFORCE_DEFAULTS.maxCursors)
        this.cursors.delete(id);
      else break;
    }
    const bytes = randomBytes(15);
    let id = '01g';
    for (const b of bytes) id += BASE62.charAt(b % 62);
    this.cursors.set(id, cursor);
    return id;
  }

  private batchSize(queryOptions: string | undefined): number {
    const requested = /batchSize\s*=\s*(\d+)/i.exec(queryOptions ?? '');
    if (!requested) return this.defaultBatchSize;
    const clamped = Math.min(
      SALESFORCE_DEFAULTS.queryBatchSize,
      Math.max(SALESFORCE_DEFAULTS.queryBatchSizeMin, Number(requested[1])),
    );
    return Math.min(this.defaultBatchSize, clamped);
  }
}
