import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { DESTINATION_INPUT_SCHEMAS } from './destination-input-schema.constant';

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const create = ajv.compile(DESTINATION_INPUT_SCHEMAS.create);
const update = ajv.compile(DESTINATION_INPUT_SCHEMAS.update);
const destination = {
  name: 'Shipments CRM',
  kind: 'rest',
  baseUrl: 'https://crm.example.com/api',
  credentials: { token: 'rest-token' },
};

describe('DESTINATION_INPUT_SCHEMAS credentials.webhookSecret', () => {
  it('is optional, and taken beside the other credentials', () => {
    expect(create(destination)).toBe(true);
    const secret = 'whsec-0123456789abcdef';
    expect(create({ ...destination, credentials: { token: 't', webhookSecret: secret } })).toBe(
      true,
    );
    expect(update({ credentials: { accessToken: 'pat-1', webhookSecret: secret } })).toBe(true);
  });

  it.each([
    ['shorter than 16 characters', 'short-secret'],
    ['not a string', 1234567890123456],
    ['empty', ''],
  ])('refuses one %s', (_label, webhookSecret) => {
    expect(create({ ...destination, credentials: { token: 't', webhookSecret } })).toBe(false);
    expect(create.errors?.[0]?.instancePath).toBe('/credentials/webhookSecret');
  });
});
