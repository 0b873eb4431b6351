import { DEAD_LETTER_HEADERS } from '@syncline/events';
import { CollectionDefinition, ColumnDefinition } from '@syncline/records';
import { batchOf, driftingRegistry, harness } from './apply-changes.spec-harness';

const int = (extra: Partial<ColumnDefinition> = {}): ColumnDefinition => ({
  kind: 'integer',
  nullable: false,
  ...extra,
});
// Like inventory.stock_levels: composite key, tenant column `org`, version column `rev`.
const STOCK: CollectionDefinition = {
  name: 'stock_level',
  schema: 'inventory',
  table: 'stock_levels',
  keyColumns: ['warehouse_id', 'sku'],
  tenantColumn: 'org',
  versionColumn: 'rev',
  ttlSeconds: 3600,
  columns: {
    org: { kind: 'text', nullable: false },
    warehouse_id: int(),
    sku: { kind: 'text', nullable: false },
    on_hand: int(),
    grade: { kind: 'enum', nullable: true, values: ['a', 'b'] },
    big: { kind: 'bigint', nullable: true },
    rev: { kind: 'bigint', nullable: false },
  },
};
const ref = (sku = 'BOLT') => ({ tenant: 'acme', entity: 'stock_level', id: `7,${sku}` });

function row(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    org: 'acme',
    warehouse_id: 7,
    sku: 'BOLT',
    on_hand: 1,
    grade: 'a',
    big: null,
    rev: 1,
    ...overrides,
  };
}

function event(op: 'c' | 'u' | 'd' | 't', image?: Record<string, unknown>, table = 'stock_levels') {
  return {
    before: op === 'd' || op === 'u' ? (image ?? null) : null,
    after: op === 'd' ? null : (image ?? null),
    source: { schema: 'inventory', table, lsn: 1000 },
    op,
  };
}

/** The catalog after an ALTER TABLE: `change` applied to STOCK's columns. */
function altered(columns: Record<string, ColumnDefinition | undefined>): CollectionDefinition {
  const next = { ...STOCK.columns, ...columns };
  for (const [name, column] of Object.entries(columns)) if (!column) delete next[name];
  return { ...STOCK, columns: next as Record<string, ColumnDefinition> };
}

describe('ApplyChangesUseCase', () => {
  describe('coalescing keeps what changed', () => {
    it('writes the newest change of a record once, naming every column its batch changed', async () => {
      const { registry } = driftingRegistry([STOCK]);
      const h = harness(registry);
      await h.useCase.execute(
        batchOf([
          { ...event('u', row({ on_hand: 2, rev: 2 })), before: row() },
          {
            ...event('u', row({ on_hand: 2, grade: 'b', rev: 3 })),
            before: row({ on_hand: 2, rev: 2 }),
          },
        ]),
      );
      expect(h.notices()).toEqual([expect.objectContaining({ id: '7,BOLT', version: 3 })]);
      expect([...(h.notices()[0].changed ?? [])].sort()).toEqual(['grade', 'on_hand', 'rev']);
      expect(h.writes).toHaveLength(1);
    });
  });

  it("writes upserts with the collection's TTL and applies a TRUNCATE to its collection", async () => {
    const { registry } = driftingRegistry([STOCK]);
    const h = harness(registry);
    await h.useCase.execute(batchOf([event('c', row()), event('t')]));
    expect(h.writes[0]).toMatchObject({ kind: 'upsert', ttlSeconds: 3600, ...ref() });
    expect(h.truncates).toEqual([['stock_level', 1000]]);
  });

  it('measures commit -> cache for applied changes, not for a redelivered or stale one', async () => {
    const { registry } = driftingRegistry([STOCK]);
    const h = harness(registry);
    const committed = (image: Record<string, unknown>, committedAtMs: number) => {
      const change = event('c', image);
      return { ...change, source: { ...change.source, ts_ms: committedAtMs } };
    };
    const twoSecondsAgo = Date.now() - 2000;
    await h.useCase.execute(batchOf([committed(row({ rev: 2 }), twoSecondsAgo)]));
    // The same change again (a redelivery), and an older one.
    await h.useCase.execute(
      batchOf([committed(row({ rev: 2 }), twoSecondsAgo), committed(row({ rev: 1 }), 0)]),
    );
    const { values } = await h.metrics.commitToCacheSeconds.get();
    const series = (suffix: string) =>
      values.find((v) => v.metricName === `syncline_sync_commit_to_cache_seconds_${suffix}`)?.value;
    expect(series('count')).toBe(1);
    expect(series('sum')).toBeGreaterThanOrEqual(2);
  });

  it("traces each notice's hops: commit, Debezium's emit, Kafka's append, receipt, cache write", async () => {
    const { registry } = driftingRegistry([STOCK]);
    const h = harness(registry);
    const change = event('c', row({ rev: 4 }));
    const before = Date.now();
    await h.useCase.execute(
      batchOf(
        [
          {
            ...change,
            ts_ms: 1_700_000_000_200,
            source: { ...change.source, ts_ms: 1_700_000_000_100 },
          },
        ],
        1_700_000_000_300,
      ),
    );
    const [notice] = h.notices();
    expect(notice.trace).toEqual({
      committedAt: 1_700_000_000_100,
      emittedAt: 1_700_000_000_200,
      appendedAt: 1_700_000_000_300,
      receivedAt: expect.any(Number),
    });
    expect(notice.trace?.receivedAt).toBeGreaterThanOrEqual(before);
    expect(notice.observedAt).toBeGreaterThanOrEqual(notice.trace?.receivedAt ?? Infinity);
  });

  describe('when the schema moves on under a running worker', () => {
    it('ADD COLUMN: re-reads the catalog once for a batch and caches the new column', async () => {
      const { registry, state } = driftingRegistry([STOCK]);
      const h = harness(registry);
      state.catalog = [altered({ bin: { kind: 'text', nullable: true } })];
      await h.useCase.execute(
        batchOf([event('c', row({ bin: 'A-1' })), event('c', row({ sku: 'NUT', bin: 'B-2' }))]),
      );
      expect(h.deadLetters()).toHaveLength(0);
      expect(state.reloads).toBe(1);
      expect(h.record(ref())).toMatchObject({ data: { bin: 'A-1' } });
      expect(h.record(ref('NUT'))).toMatchObject({ data: { bin: 'B-2' } });
    });

    it('DROP COLUMN: the column leaves the cached record with the next change', async () => {
      const { registry, state } = driftingRegistry([STOCK]);
      const h = harness(registry);
      await h.useCase.execute(batchOf([event('c', row())]));
      state.catalog = [altered({ grade: undefined })];
      const { grade: _dropped, ...withoutGrade } = row({ rev: 2 });
      await h.useCase.execute(batchOf([event('u', withoutGrade)]));
      expect(h.deadLetters()).toHaveLength(0);
      expect(h.record(ref())).toMatchObject({ version: 2 });
      expect(h.record(ref())).toHaveProperty('data.on_hand', 1);
      expect(h.record(ref())).not.toHaveProperty('data.grade');
    });

    it('a new enum label or a widened type: validates again after a re-read, nothing dead-lettered', async () => {
      const { registry, state } = driftingRegistry([STOCK]);
      const h = harness(registry);
      state.catalog = [
        altered({ grade: { kind: 'enum', nullable: true, values: ['a', 'b', 'c'] } }),
      ];
      await h.useCase.execute(batchOf([event('c', row({ grade: 'c' }))]));
      expect(h.deadLetters()).toHaveLength(0);
      expect(h.record(ref())).toMatchObject({ data: { grade: 'c' } });
    });

    it('an event older than an ADD COLUMN: takes the row from Postgres, at its version', async () => {
      const { registry } = driftingRegistry([altered({ bin: { kind: 'text', nullable: true } })]);
      const current = { record: row({ bin: 'C-3', rev: 5 }), version: 5, position: 2000 };
      const h = harness(registry, new Map([['stock_level/acme/7,BOLT', current]]));
      await h.useCase.execute(batchOf([event('c', row())]));
      expect(h.deadLetters()).toHaveLength(0);
      expect(h.writes).toEqual([
        expect.objectContaining({ version: 5, lsn: 2000, data: current.record }),
      ]);
    });

    it('dead-letters a value that cannot be represented, naming the column, and re-reads once', async () => {
      const { registry, state } = driftingRegistry([STOCK]);
      const h = harness(registry);
      const tooBig = `{"op":"c","before":null,"source":{"schema":"inventory","table":"stock_levels","lsn":9},"after":${JSON.stringify(row()).replace('"big":null', '"big":9007199254740993')}}`;
      await h.useCase.execute(
        batchOf([JSON.parse(tooBig) as Record<string, unknown>, event('c', row({ sku: 'NUT' }))]),
      );
      const [letter] = h.deadLetters();
      expect(h.deadLetters()).toHaveLength(1);
      expect(letter.headers?.[DEAD_LETTER_HEADERS.reason]).toBe('SCHEMA_VIOLATION');
      expect(String(letter.headers?.[DEAD_LETTER_HEADERS.message])).toContain('/big');
      expect(h.record(ref('NUT'))).toBeDefined();
      expect(state.reloads).toBe(1);
      // The same value again is not chased with another re-read.
      await h.useCase.execute(batchOf([JSON.parse(tooBig) as Record<string, unknown>]));
      expect(state.reloads).toBe(1);
      expect(h.deadLetters()).toHaveLength(2);
    });

    it('dead-letters a row with a value of a type it cannot represent, naming the column and its type', async () => {
      const { registry } = driftingRegistry([
        altered({ spot: { kind: 'unsupported', nullable: true, pgType: 'point' } }),
      ]);
      const h = harness(registry);
      await h.useCase.execute(
        batchOf([
          event('c', row({ spot: { x: 1, y: 2 } })),
          event('c', row({ sku: 'NUT', spot: null })),
        ]),
      );
      expect(h.deadLetters()).toHaveLength(1);
      expect(String(h.deadLetters()[0].headers?.[DEAD_LETTER_HEADERS.message])).toMatch(
        /\/spot has Postgres type point, which Syncline cannot represent/,
      );
      expect(h.record(ref('NUT'))).toBeDefined();
    });

    it('a table added to the publication: re-reads, then applies its events', async () => {
      const other: CollectionDefinition = {
        ...STOCK,
        name: 'stock_level_archive',
        table: 'stock_archive',
      };
      const { registry, state } = driftingRegistry([STOCK]);
      const h = harness(registry);
      state.catalog = [STOCK, other];
      await h.useCase.execute(batchOf([event('c', row(), 'stock_archive')]));
      expect(h.deadLetters()).toHaveLength(0);
      expect(h.record({ ...ref(), entity: 'stock_level_archive' })).toBeDefined();
    });

    it('a table that is still no collection after a re-read: dead-lettered as UNKNOWN_TABLE', async () => {
      const { registry, state } = driftingRegistry([STOCK]);
      const h = harness(registry);
      await h.useCase.execute(batchOf([event('c', row(), 'pallets'), event('c', row())]));
      expect(state.reloads).toBe(1);
      expect(h.deadLetters().map((m) => m.headers?.[DEAD_LETTER_HEADERS.reason])).toEqual([
        'UNKNOWN_TABLE',
      ]);
      expect(h.record(ref())).toBeDefined();
    });
  });
});
