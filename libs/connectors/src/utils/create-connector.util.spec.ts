import { startHubSpotSim, startSalesforceSim } from '../../../../apps/crm-sim/src';
import type { RunningHubSpotSim, RunningSalesforceSim } from '../../../../apps/crm-sim/src';
import { DeliveryException } from '../exceptions/delivery.exception';
import { HubSpotConnector } from '../hubspot/hubspot.connector';
import { RestConnector } from '../rest/rest.connector';
import { SalesforceConnector } from '../salesforce/salesforce.connector';
import type { DestinationConnection } from '../types/destination-connection.type';
import type { RateLimitObservation } from '../types/rate-limit-observation.type';
import { createConnector } from './create-connector.util';

describe(createConnector.name, () => {
  let hubspot: RunningHubSpotSim;
  let salesforce: RunningSalesforceSim;

  beforeAll(async () => {
    [hubspot, salesforce] = await Promise.all([
      startHubSpotSim({
        properties: { contacts: [{ name: 'syncline_id', type: 'string', hasUniqueValue: true }] },
      }),
      startSalesforceSim(),
    ]);
  });

  afterAll(async () => {
    await Promise.all([hubspot.close(), salesforce.close()]);
  });

  it('builds a working HubSpot connector that reports rate limits to the hook', async () => {
    const seen: RateLimitObservation[] = [];
    const connector = createConnector(
      { kind: 'hubspot', baseUrl: hubspot.url, credentials: { accessToken: 't' } },
      { onRateLimit: (o) => seen.push(o) },
    );

    const results = await connector.upsert('contacts', 'syncline_id', [
      { identity: 'f-1', properties: { firstname: 'F' } },
    ]);

    expect(connector).toBeInstanceOf(HubSpotConnector);
    expect(connector.maxBatchSize).toBe(100);
    expect(results[0].ok).toBe(true);
    expect(seen).toHaveLength(1);
  });

  it('builds a Salesforce connector from client credentials, baseUrl as the login URL', async () => {
    const connector = createConnector({
      kind: 'salesforce',
      baseUrl: salesforce.url,
      credentials: { clientId: 'syncline-sim', clientSecret: 'syncline-sim-secret' },
      options: { apiVersion: '58.0' },
    });

    const results = await connector.upsert('Contact', 'Syncline_Id__c', [
      { identity: 'f-1', properties: { LastName: 'F' } },
    ]);

    expect(connector).toBeInstanceOf(SalesforceConnector);
    expect(connector.maxBatchSize).toBe(200);
    expect(results[0].ok).toBe(true);
    expect(salesforce.state.calls().map((c) => c.path)).toEqual([
      '/services/oauth2/token',
      '/services/data/v58.0/composite/sobjects/Contact/Syncline_Id__c',
    ]);
  });

  it('builds a Salesforce connector from an access token, baseUrl as the instance URL', async () => {
    const connector = createConnector({
      kind: 'salesforce',
      baseUrl: salesforce.url,
      credentials: { accessToken: salesforce.state.issueToken() },
    });
    await expect(connector.describe('Contact')).resolves.not.toHaveLength(0);
  });

  it('builds a REST connector with the token from the credentials', () => {
    const connector = createConnector({
      kind: 'rest',
      baseUrl: 'https://hooks.example.com',
      credentials: { token: 'x' },
      options: { pathTemplate: '/c/{identity}', bulk: { path: '/bulk', maxBatchSize: 25 } },
    });
    expect(connector).toBeInstanceOf(RestConnector);
    expect(connector.maxBatchSize).toBe(25);
  });

  it.each([
    [{ kind: 'hubspot', baseUrl: 'https://api.hubapi.com', credentials: {} }, /accessToken/],
    [
      {
        kind: 'salesforce',
        baseUrl: 'https://x.my.salesforce.com',
        credentials: { clientId: 'a' },
      },
      /clientId and clientSecret, or accessToken/,
    ],
    [{ kind: 'rest', baseUrl: 'https://x', credentials: {}, options: {} }, /pathTemplate/],
    [
      { kind: 'rest', baseUrl: 'ftp://x', credentials: {}, options: { pathTemplate: '/a' } },
      /baseUrl/,
    ],
    [{ kind: 'marketo', baseUrl: 'https://x', credentials: {} }, /unknown destination kind/],
  ])('rejects a malformed destination as permanent: %j', (destination, message) => {
    let thrown: unknown;
    try {
      createConnector(destination as unknown as DestinationConnection);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DeliveryException);
    expect((thrown as DeliveryException).errorClass).toBe('permanent');
    expect((thrown as DeliveryException).message).toMatch(message);
  });

  it('rejects a Salesforce API version without collection upserts', () => {
    expect(() =>
      createConnector({
        kind: 'salesforce',
        baseUrl: salesforce.url,
        credentials: { accessToken: 't' },
        options: { apiVersion: '45.0' },
      }),
    ).toThrow(/46.0\+/);
  });

  it("marks upserts with the destination's id when the destination names an originProperty", () => {
    const hubspotConnector = createConnector({
      id: 'destination-1',
      kind: 'hubspot',
      baseUrl: hubspot.url,
      credentials: { accessToken: 't' },
      options: { originProperty: 'syncline_origin' },
    });
    const salesforceConnector = createConnector({
      id: 'destination-2',
      kind: 'salesforce',
      baseUrl: salesforce.url,
      credentials: { clientId: 'syncline-sim', clientSecret: 'syncline-sim-secret' },
      options: { originProperty: 'Syncline_Origin__c' },
    });
    const unmarked = createConnector({
      id: 'destination-3',
      kind: 'hubspot',
      baseUrl: hubspot.url,
      credentials: { accessToken: 't' },
    });

    expect(hubspotConnector.origin).toEqual({
      property: 'syncline_origin',
      value: 'destination-1',
    });
    expect(salesforceConnector.origin).toEqual({
      property: 'Syncline_Origin__c',
      value: 'destination-2',
    });
    expect(unmarked.origin).toBeUndefined();
  });
});
