import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';

const TICK_MS = 100;

/**
 * The steady write load of a chaos run, one transaction per 100 ms tick on the demo's contacts
 * fixture: inserts; updates of a field the CRMs watch (last_name), each followed in the same
 * transaction by an update of a field they do not (notes), so the two events meet in one Kafka
 * batch; status flips in and out of the mappings' condition (archived records must leave the
 * CRMs); and deletes.
 */
export class ChaosWriter {
  private readonly live: string[] = [];
  private readonly position = new Map<string, number>();
  readonly touched = new Set<string>();
  committed = 0;
  failedTicks = 0;
  private sequence = 0;

  constructor(
    private readonly pool: Pool,
    private readonly tenant: string,
    private readonly rate: number,
  ) {}

  /** Writes at `rate` changes/s until `until` (epoch ms); a failed tick is counted, not fatal. */
  async run(until: number): Promise<void> {
    const perTick = Math.max(1, Math.round((this.rate * TICK_MS) / 1000));
    let next = Date.now();
    while (Date.now() < until) {
      try {
        await this.tick(perTick);
      } catch {
        this.failedTicks += 1;
      }
      next += TICK_MS;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
    }
  }

  private async tick(count: number): Promise<void> {
    // A third inserts until there is something to change; then 30/35/15/20 insert/update/flip/delete.
    const plan = {
      insert: [] as string[],
      update: [] as string[],
      flip: [] as string[],
      del: [] as string[],
    };
    const picked = new Set<string>();
    for (let n = 0; n < count; n++) {
      const roll = Math.random();
      const target = this.live.length < 50 || roll < 0.3 ? undefined : this.pick(picked);
      if (!target) plan.insert.push(randomUUID());
      else if (roll < 0.65) plan.update.push(target);
      else if (roll < 0.8) plan.flip.push(target);
      else plan.del.push(target);
    }
    const marker = `c${++this.sequence}`;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      let changed = 0;
      changed +=
        (
          await client.query(
            `INSERT INTO contacts (tenant_id, id, email, first_name, last_name)
           SELECT $1, i, 'chaos-' || i || '@example.com', 'Chaos', $3 FROM unnest($2::uuid[]) AS i`,
            [this.tenant, plan.insert, marker],
          )
        ).rowCount ?? 0;
      changed +=
        (
          await client.query(
            `UPDATE contacts SET last_name = $3 WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
            [this.tenant, plan.update, marker],
          )
        ).rowCount ?? 0;
      changed +=
        (
          await client.query(
            `UPDATE contacts SET notes = $3 WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
            [this.tenant, plan.update, `after ${marker}`],
          )
        ).rowCount ?? 0;
      changed +=
        (
          await client.query(
            `UPDATE contacts SET status = CASE WHEN status = 'archived' THEN 'active' ELSE 'archived' END::contact_status
            WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
            [this.tenant, plan.flip],
          )
        ).rowCount ?? 0;
      changed +=
        (
          await client.query(`DELETE FROM contacts WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
            this.tenant,
            plan.del,
          ])
        ).rowCount ?? 0;
      await client.query('COMMIT');
      this.committed += changed;
      for (const id of plan.insert) this.add(id);
      for (const id of plan.del) this.remove(id);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private pick(taken: Set<string>): string | undefined {
    for (let attempt = 0; attempt < 5; attempt++) {
      const id = this.live[Math.floor(Math.random() * this.live.length)];
      if (!taken.has(id)) {
        taken.add(id);
        return id;
      }
    }
    return undefined;
  }

  private add(id: string): void {
    this.position.set(id, this.live.length);
    this.live.push(id);
    this.touched.add(id);
  }

  private remove(id: string): void {
    const index = this.position.get(id);
    if (index === undefined) return;
    const last = this.live.pop() as string;
    if (last !== id) {
      this.live[index] = last;
      this.position.set(last, index);
    }
    this.position.delete(id);
  }
}
