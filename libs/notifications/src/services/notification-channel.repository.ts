import { ControlPlaneException, CredentialCipher } from '@syncline/control-plane';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CHANNEL_INPUT_SCHEMAS } from '../constants/channel-input-schema.constant';
import { InvalidChannelException } from '../exceptions/invalid-channel.exception';
import { ChannelInput } from '../types/channel-input.type';
import { ChannelTarget } from '../types/channel-target.type';
import { NotificationChannel } from '../types/notification-channel.type';
import { ajvIssues } from '../utils/ajv-issues.util';

interface ChannelRow {
  id: string;
  tenant: string;
  name: string;
  kind: 'webhook' | 'email';
  url: string | null;
  secretEncrypted: string | null;
  recipients: string[];
  enabled: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, tenant_id AS tenant, name, kind, url, secret_encrypted AS "secretEncrypted", recipients,
  enabled, version, created_at AS "createdAt", updated_at AS "updatedAt"`;

/**
 * Tenants' notification channels. A webhook's secret is sealed like destination credentials
 * (CredentialCipher, bound to the channel) and handed out once: in the answer that set it.
 */
export class NotificationChannelRepository {
  private readonly validators: Record<'create' | 'update', ValidateFunction>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: CredentialCipher,
    /** Whether SMTP is configured: without it, email channels are refused at the door. */
    private readonly emailEnabled = true,
  ) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    this.validators = {
      create: ajv.compile(CHANNEL_INPUT_SCHEMAS.create),
      update: ajv.compile(CHANNEL_INPUT_SCHEMAS.update),
    };
  }

  /** Creates a channel; a webhook without a `secret` gets a generated one, returned this once. */
  async create(tenant: string, body: unknown): Promise<NotificationChannel & { secret?: string }> {
    const input = this.validate('create', body) as ChannelInput;
    this.checkTarget(input.kind, input);
    if (input.kind === 'email' && !this.emailEnabled)
      throw new InvalidChannelException([
        { path: '/kind', message: 'email channels need SYNCLINE_SMTP_URL, which is not set' },
      ]);
    const [known] = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM syncline.tenants WHERE id = $1`,
      [tenant],
    );
    if (!known)
      throw new ControlPlaneException('NOT_FOUND', `unknown tenant ${JSON.stringify(tenant)}`);
    const id = randomUUID();
    const secret =
      input.kind === 'webhook'
        ? (input.secret ?? `whsec_${randomBytes(32).toString('base64url')}`)
        : undefined;
    const [row] = await this.dataSource.query<ChannelRow[]>(
      `INSERT INTO syncline.notification_channels (id, tenant_id, name, kind, url, secret_encrypted, recipients, enabled)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) RETURNING ${COLUMNS}`,
      [
        id,
        tenant,
        input.name,
        input.kind,
        input.url ?? null,
        secret === undefined ? null : this.seal(secret, id),
        JSON.stringify(input.recipients ?? []),
        input.enabled ?? true,
      ],
    );
    return { ...toChannel(row), ...(secret === undefined ? {} : { secret }) };
  }

  async update(
    tenant: string,
    id: string,
    body: unknown,
  ): Promise<NotificationChannel & { secret?: string }> {
    const change = this.validate('update', body) as Partial<ChannelInput>;
    const current = await this.row(tenant, id);
    this.checkTarget(current.kind, change);
    // TypeORM answers an UPDATE with [rows, affected].
    const [[row]] = await this.dataSource.query<[ChannelRow[], number]>(
      `UPDATE syncline.notification_channels
          SET name = COALESCE($3, name), url = COALESCE($4, url),
              secret_encrypted = COALESCE($5, secret_encrypted),
              recipients = COALESCE($6::jsonb, recipients), enabled = COALESCE($7, enabled),
              version = version + 1, updated_at = now()
        WHERE tenant_id = $1 AND id = $2
        RETURNING ${COLUMNS}`,
      [
        tenant,
        id,
        change.name ?? null,
        change.url ?? null,
        change.secret === undefined ? null : this.seal(change.secret, id),
        change.recipients === undefined ? null : JSON.stringify(change.recipients),
        change.enabled ?? null,
      ],
    );
    if (!row) throw notFound(tenant, id);
    return toChannel(row);
  }

  async delete(tenant: string, id: string): Promise<void> {
    await this.row(tenant, id);
    await this.dataSource.query(
      `DELETE FROM syncline.notification_channels WHERE tenant_id = $1 AND id = $2`,
      [tenant, id],
    );
  }

  async get(tenant: string, id: string): Promise<NotificationChannel> {
    return toChannel(await this.row(tenant, id));
  }

  async list(tenant: string): Promise<NotificationChannel[]> {
    const rows = await this.dataSource.query<ChannelRow[]>(
      `SELECT ${COLUMNS} FROM syncline.notification_channels WHERE tenant_id = $1 ORDER BY created_at, id`,
      [tenant],
    );
    return rows.map(toChannel);
  }

  /** Where to send, the secret opened: for the notifier only, never for a response. */
  async targets(ids: readonly string[]): Promise<Map<string, ChannelTarget>> {
    const rows = await this.dataSource.query<ChannelRow[]>(
      `SELECT ${COLUMNS} FROM syncline.notification_channels WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row): [string, ChannelTarget] => [row.id, this.target(row)]));
  }

  private target(row: ChannelRow): ChannelTarget {
    if (row.kind === 'email') return { id: row.id, kind: 'email', recipients: row.recipients };
    try {
      const { secret } = this.cipher.decrypt(row.secretEncrypted as string, aad(row.id));
      return { id: row.id, kind: 'webhook', url: row.url as string, secret: String(secret) };
    } catch (error) {
      if (!(error instanceof ControlPlaneException)) throw error;
      // One channel's unreadable secret must not stop the others' notifications.
      return { id: row.id, kind: 'unreadable', error: error.message };
    }
  }

  private async row(tenant: string, id: string): Promise<ChannelRow> {
    const [row] = /^[0-9a-f-]{36}$/i.test(id)
      ? await this.dataSource.query<ChannelRow[]>(
          `SELECT ${COLUMNS} FROM syncline.notification_channels WHERE tenant_id = $1 AND id = $2`,
          [tenant, id],
        )
      : [];
    if (!row) throw notFound(tenant, id);
    return row;
  }

  private seal(secret: string, id: string): string {
    return this.cipher.encrypt({ secret }, aad(id));
  }

  /** A webhook takes a url and a secret, an email channel recipients: never the other's fields. */
  private checkTarget(kind: ChannelInput['kind'], input: Partial<ChannelInput>): void {
    const issues: { path: string; message: string }[] = [];
    const foreign = kind === 'webhook' ? ['recipients'] : ['url', 'secret'];
    for (const field of foreign)
      if (input[field as keyof ChannelInput] !== undefined)
        issues.push({ path: `/${field}`, message: `not allowed on a ${kind} channel` });
    if (input.kind === 'webhook' && input.url === undefined)
      issues.push({ path: '/url', message: 'required for a webhook channel' });
    if (input.kind === 'email' && input.recipients === undefined)
      issues.push({ path: '/recipients', message: 'required for an email channel' });
    if (issues.length > 0) throw new InvalidChannelException(issues);
  }

  private validate(purpose: 'create' | 'update', body: unknown): unknown {
    const validate = this.validators[purpose];
    if (validate(body)) return body;
    throw new InvalidChannelException(ajvIssues(validate.errors ?? []));
  }
}

/** The channel's secret is sealed to it; the prefix keeps it apart from destination ids. */
function aad(id: string): string {
  return `notification-channel:${id}`;
}

function notFound(tenant: string, id: string): ControlPlaneException {
  return new ControlPlaneException(
    'NOT_FOUND',
    `tenant ${tenant} has no notification channel ${id}`,
  );
}

function toChannel(row: ChannelRow): NotificationChannel {
  return {
    id: row.id,
    tenant: row.tenant,
    name: row.name,
    kind: row.kind,
    ...(row.kind === 'webhook' ? { url: row.url as string } : { recipients: row.recipients }),
    enabled: row.enabled,
    version: row.version,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}
