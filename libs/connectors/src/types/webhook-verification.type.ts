/** The verdict on an inbound webhook request: accept it, or reject it and say why (for logs). */
export type WebhookVerification = { ok: true } | { ok: false; reason: string };
