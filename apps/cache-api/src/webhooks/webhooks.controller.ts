import { Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { SYNCLINE_CONFIG, SynclineConfig } from '@syncline/config';
import {
  parseHubSpotWebhookEvents,
  verifyHubSpotWebhook,
  verifyRestWebhook,
} from '@syncline/connectors';
import { FastifyRequest } from 'fastify';
import { rawBodyOf } from '../http/utils/raw-body.util';
import { WebhookAcceptance } from './types/webhook-acceptance.type';
import { AcceptWebhookUseCase } from './usecases/accept-webhook.usecase';
import { parseRestWebhookBody } from './utils/parse-rest-webhook-body.util';
import { webhookSignedUrl } from './utils/webhook-signed-url.util';

/**
 * Inbound webhooks (two-way sync): a CRM says which of its records changed; each becomes an
 * InboundHint for the delivery-worker. No API key: the signature over the raw body, made with the
 * destination's `webhookSecret` credential, is the authentication.
 */
@Controller('v1/webhooks')
export class WebhooksController {
  private readonly publicUrl: string;

  constructor(
    private readonly webhooks: AcceptWebhookUseCase,
    @Inject(SYNCLINE_CONFIG) config: SynclineConfig,
  ) {
    this.publicUrl = config.http.publicUrl;
  }

  /** HubSpot Webhooks v3 (the app's target URL), signed with the app's client secret. */
  @Post('hubspot/:destinationId')
  @HttpCode(200)
  async hubspot(
    @Param('destinationId') destinationId: string,
    @Req() request: FastifyRequest,
  ): Promise<WebhookAcceptance> {
    const target = await this.webhooks.target(destinationId, 'hubspot');
    const rawBody = rawBodyOf(request);
    const verdict = verifyHubSpotWebhook({
      method: request.method,
      url: webhookSignedUrl(request, this.publicUrl),
      rawBody,
      headers: request.headers,
      clientSecret: target.secret,
      now: Date.now(),
    });
    if (!verdict.ok) this.webhooks.refuse(target, verdict.reason);
    const { hints, problems } = parseHubSpotWebhookEvents(rawBody);
    const candidates = hints.map((hint) => ({
      objects: [hint.object, hint.objectTypeId],
      externalId: hint.externalId,
      // A creation is a change to a record not seen before: read it like any other.
      kind: hint.kind === 'deletion' ? ('deletion' as const) : ('change' as const),
      occurredAt: Date.parse(hint.occurredAt),
    }));
    return this.webhooks.accept(target, candidates, problems);
  }

  /** Any other system: `{records: [{externalId, object, deleted?}]}`, signed as `signRestWebhook` says. */
  @Post('rest/:destinationId')
  @HttpCode(200)
  async rest(
    @Param('destinationId') destinationId: string,
    @Req() request: FastifyRequest,
  ): Promise<WebhookAcceptance> {
    const target = await this.webhooks.target(destinationId);
    const rawBody = rawBodyOf(request);
    const verdict = verifyRestWebhook({
      headers: request.headers,
      rawBody,
      secret: target.secret,
      now: Date.now(),
    });
    if (!verdict.ok) this.webhooks.refuse(target, verdict.reason);
    const parsed = parseRestWebhookBody(rawBody, Date.now());
    if ('issues' in parsed) this.webhooks.reject(target, parsed.issues);
    return this.webhooks.accept(target, parsed.candidates, []);
  }
}
