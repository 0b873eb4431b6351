/** Where the inbound webhook routes live; their requests keep the raw body (signatures cover it). */
export const WEBHOOK_PATH_PREFIX = '/v1/webhooks/';
