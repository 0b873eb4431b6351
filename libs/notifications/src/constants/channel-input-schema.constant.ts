const changeable = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  url: { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 2000 },
  // Shared with the receiver: long enough that guessing it is hopeless.
  secret: { type: 'string', minLength: 24, maxLength: 256 },
  recipients: {
    type: 'array',
    items: { type: 'string', format: 'email', maxLength: 320 },
    minItems: 1,
    maxItems: 50,
    uniqueItems: true,
  },
  enabled: { type: 'boolean' },
};

/**
 * JSON Schemas of channel requests: create names the kind and its target (webhook: `url`, and a
 * `secret` or one is generated; email: `recipients`); a change any field but the kind.
 */
export const CHANNEL_INPUT_SCHEMAS = {
  create: {
    type: 'object',
    properties: { ...changeable, kind: { enum: ['webhook', 'email'] } },
    required: ['name', 'kind'],
    additionalProperties: false,
  },
  update: {
    type: 'object',
    properties: changeable,
    minProperties: 1,
    additionalProperties: false,
  },
} as const;
