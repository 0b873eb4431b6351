import type { Pool } from 'pg';

/** Writes to Postgres as any client of System A would: plain SQL, versions set by the trigger. */
export class SourceWriter {
  constructor(private readonly pool: Pool) {}

  async insert(
    table: string,
    tenant: string,
    fields: Record<string, unknown>,
  ): Promise<{ id: string; version: number }> {
    const names = Object.keys(fields);
    const { rows } = await this.pool.query<{ id: string; version: string }>(
      `INSERT INTO ${table} (tenant_id, ${names.join(', ')})
       VALUES ($1, ${names.map((_, i) => `$${i + 2}`).join(', ')}) RETURNING id, version`,
      [tenant, ...Object.values(fields).map(toParameter)],
    );
    return { id: rows[0].id, version: Number(rows[0].version) };
  }

  /** Sets `fields` and merges `customFields` into the row's `custom_fields`. */
  async update(
    table: string,
    tenant: string,
    id: string,
    fields: Record<string, unknown>,
    customFields?: Record<string, unknown>,
  ): Promise<number> {
    const names = Object.keys(fields);
    const sets = names.map((name, i) => `${name} = $${i + 3}`);
    const values: unknown[] = [tenant, id, ...Object.values(fields).map(toParameter)];
    if (customFields) {
      values.push(JSON.stringify(customFields));
      sets.push(`custom_fields = custom_fields || $${values.length}::jsonb`);
    }
    const { rows } = await this.pool.query<{ version: string }>(
      `UPDATE ${table} SET ${sets.join(', ')} WHERE tenant_id = $1 AND id = $2 RETURNING version`,
      values,
    );
    if (rows.length !== 1) throw new Error(`no ${table} row ${tenant}/${id} to update`);
    return Number(rows[0].version);
  }

  async delete(table: string, tenant: string, id: string): Promise<void> {
    await this.pool.query(`DELETE FROM ${table} WHERE tenant_id = $1 AND id = $2`, [tenant, id]);
  }
}

function toParameter(value: unknown): unknown {
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
}
