const rateLimit = {
  type: 'object',
  properties: {
    requestsPerInterval: { type: 'integer', minimum: 1, maximum: 1_000_000 },
    intervalMs: { type: 'integer', minimum: 1, maximum: 86_400_000 },
    dailyLimit: { type: 'integer', minimum: 1 },
  },
  required: ['requestsPerInterval', 'intervalMs'],
  additionalProperties: false,
};

const properties = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  kind: { enum: ['hubspot', 'salesforce', 'rest'] },
  baseUrl: { type: 'string', format: 'uri', pattern: '^https?://' },
  credentials: {
    type: 'object',
    properties: {
      // Inbound webhooks (two-way sync): HubSpot's app client secret, or the REST sender's
      // shared secret. Optional; without it the destination's webhook endpoints answer 404.
      webhookSecret: { type: 'string', minLength: 16, maxLength: 512 },
    },
  },
  options: { type: 'object' },
  rateLimit,
  mirror: { type: 'boolean' },
};

/** JSON Schemas of destination requests: create needs the essentials, a change any one field. */
export const DESTINATION_INPUT_SCHEMAS = {
  create: {
    type: 'object',
    properties,
    required: ['name', 'kind', 'baseUrl', 'credentials'],
    additionalProperties: false,
  },
  update: { type: 'object', properties, minProperties: 1, additionalProperties: false },
} as const;
