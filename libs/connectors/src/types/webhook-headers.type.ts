/** Request headers as Node (IncomingHttpHeaders) or a framework hands them over; any letter case. */
export type WebhookHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;
