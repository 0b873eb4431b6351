import { CredentialCipher, DestinationRepository } from '@syncline/control-plane';
import { Secret } from '@syncline/config';
import { buildDataSourceOptions } from '@syncline/persistence';
import { createCipheriv, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { testClients } from '../support/test-clients';

// Destinations on the real control-plane schema: where credentials may be sent, and how they are
// sealed at rest.
const t = testClients('destinations');
const tenant = t.tenant('acme');
const rawKey = randomBytes(32).toString('base64');
const cipher = new CredentialCipher(new Secret(rawKey));
let dataSource: DataSource;
let destinations: DestinationRepository;
let restricted: DestinationRepository;

const hubspot = {
  name: 'HubSpot',
  kind: 'hubspot',
  baseUrl: 'https://api.hubapi.com',
  credentials: { accessToken: 'pat-na1-tenant-token' },
};

async function storedCredentials(id: string): Promise<string> {
  const { rows } = await t.pool.query<{ c: string }>(
    'SELECT credentials_encrypted AS c FROM syncline.destinations WHERE id = $1',
    [id],
  );
  return rows[0].c;
}

beforeAll(async () => {
  dataSource = await new DataSource(buildDataSourceOptions()).initialize();
  destinations = new DestinationRepository(dataSource, cipher);
  restricted = new DestinationRepository(dataSource, cipher, {
    allowedHosts: ['api.hubapi.com', '*.my.salesforce.com'],
  });
  await destinations.putTenant(tenant, tenant);
});

afterAll(async () => {
  await t.pool.query(`DELETE FROM syncline.destinations WHERE tenant_id = $1`, [tenant]);
  await t.pool.query(`DELETE FROM syncline.tenants WHERE id = $1`, [tenant]);
  await dataSource.destroy();
  await t.close();
});

describe(DestinationRepository.name, () => {
  it('refuses to move stored credentials to another endpoint: a new baseUrl or kind needs them again', async () => {
    const created = await destinations.create(tenant, hubspot);
    for (const change of [
      { baseUrl: 'http://attacker.example:8080' },
      { kind: 'rest' },
      { kind: 'salesforce', baseUrl: 'https://acme.my.salesforce.com' },
    ]) {
      await expect(destinations.update(tenant, created.id, change)).rejects.toMatchObject({
        kind: 'INVALID_DESTINATION',
        issues: [expect.objectContaining({ path: '/credentials' })],
      });
    }
    expect((await destinations.connection(created.id)).baseUrl).toBe(hubspot.baseUrl);

    // With credentials given for the new endpoint the change goes through; other fields need none.
    await destinations.update(tenant, created.id, {
      baseUrl: 'https://api-eu1.hubapi.com',
      credentials: { accessToken: 'pat-eu1-new-token' },
    });
    await destinations.update(tenant, created.id, { name: 'HubSpot EU', mirror: true });
    await destinations.update(tenant, created.id, { baseUrl: 'https://api-eu1.hubapi.com' });
    expect(await destinations.connection(created.id)).toMatchObject({
      baseUrl: 'https://api-eu1.hubapi.com',
      credentials: { accessToken: 'pat-eu1-new-token' },
    });
  });

  it("holds destinations to the operator's host allow-list, naming the field", async () => {
    await expect(
      restricted.create(tenant, { ...hubspot, baseUrl: 'http://169.254.169.254/latest' }),
    ).rejects.toMatchObject({
      kind: 'INVALID_DESTINATION',
      issues: [expect.objectContaining({ path: '/baseUrl' })],
    });
    const allowed = await restricted.create(tenant, hubspot);
    await expect(
      restricted.update(tenant, allowed.id, {
        baseUrl: 'https://internal.example',
        credentials: { accessToken: 'x' },
      }),
    ).rejects.toMatchObject({ issues: [expect.objectContaining({ path: '/baseUrl' })] });
    const salesforce = await restricted.create(tenant, {
      name: 'Salesforce',
      kind: 'salesforce',
      baseUrl: 'https://acme.my.salesforce.com',
      credentials: { clientId: 'id', clientSecret: 'secret' },
    });
    expect(salesforce.baseUrl).toBe('https://acme.my.salesforce.com');
    // Salesforce's token endpoint also receives the credentials.
    await expect(
      restricted.update(tenant, salesforce.id, {
        options: { loginUrl: 'https://login.attacker.example' },
        credentials: { clientId: 'id', clientSecret: 'secret' },
      }),
    ).rejects.toMatchObject({ issues: [expect.objectContaining({ path: '/options/loginUrl' })] });
    await expect(
      restricted.update(tenant, salesforce.id, {
        options: { loginUrl: 'https://x.my.salesforce.com' },
      }),
    ).rejects.toMatchObject({ issues: [expect.objectContaining({ path: '/credentials' })] });
  });

  it('seals credentials to their destination: a ciphertext copied onto another row does not open', async () => {
    const a = await destinations.create(tenant, { ...hubspot, name: 'A' });
    const b = await destinations.create(tenant, {
      ...hubspot,
      name: 'B',
      credentials: { accessToken: 'pat-b' },
    });
    await t.pool.query(
      'UPDATE syncline.destinations SET credentials_encrypted = $1 WHERE id = $2',
      [await storedCredentials(a.id), b.id],
    );
    await expect(destinations.connection(b.id)).rejects.toMatchObject({
      kind: 'CREDENTIALS_UNREADABLE',
    });
  });

  it('rewrites credentials stored in the unbound v1 format, which stay readable until then', async () => {
    const created = await destinations.create(tenant, { ...hubspot, name: 'Legacy' });
    const iv = randomBytes(12);
    const legacy = createCipheriv('aes-256-gcm', Buffer.from(rawKey, 'base64'), iv);
    const body = Buffer.concat([
      legacy.update(JSON.stringify({ accessToken: 'pat-old' })),
      legacy.final(),
    ]);
    const v1 = ['v1', iv, legacy.getAuthTag(), body]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
    await t.pool.query(
      'UPDATE syncline.destinations SET credentials_encrypted = $1 WHERE id = $2',
      [v1, created.id],
    );
    expect((await destinations.connection(created.id)).credentials).toEqual({
      accessToken: 'pat-old',
    });

    const damaged = await destinations.create(tenant, { ...hubspot, name: 'Damaged' });
    await t.pool.query(
      `UPDATE syncline.destinations SET credentials_encrypted = 'v1.x.y.z' WHERE id = $1`,
      [damaged.id],
    );
    // One unreadable value does not stop the others from being rewritten.
    const first = await destinations.upgradeCredentials();
    expect(first.upgraded).toBeGreaterThanOrEqual(1);
    expect(first.unreadable).toContain(damaged.id);
    expect((await storedCredentials(created.id)).startsWith('v2.')).toBe(true);
    expect((await destinations.connection(created.id)).credentials).toEqual({
      accessToken: 'pat-old',
    });
    expect((await destinations.upgradeCredentials()).upgraded).toBe(0);
  });
});
