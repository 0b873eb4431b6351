import { Inject, Injectable } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';
import { SALESFORCE_DEFAULTS } from '../constants/salesforce-defaults.constant';
import { SALESFORCE_SIM_OPTIONS } from '../constants/salesforce-sim-options.token';
import { SalesforceOAuthException } from '../exceptions/salesforce-oauth.exception';
import type { SalesforceSimOptions } from '../types/salesforce-sim-options.type';
import type { SalesforceTokenResponse } from '../types/salesforce-token-response.type';
import { toSalesforceId18 } from '../utils/to-salesforce-id18.util';

/** Connected apps, users and access tokens: the OAuth 2.0 token endpoint and session checks. */
@Injectable()
export class SalesforceSessionService {
  readonly orgId = toSalesforceId18(SALESFORCE_DEFAULTS.orgId15);
  readonly userId = toSalesforceId18(SALESFORCE_DEFAULTS.userId15);
  private readonly clients: Map<string, string>;
  private readonly users: Map<string, string>;
  private tokens = new Set<string>();

  constructor(@Inject(SALESFORCE_SIM_OPTIONS) private readonly options: SalesforceSimOptions) {
    const clients = options.clients ?? SALESFORCE_DEFAULTS.clients;
    this.clients = new Map(clients.map((c) => [c.clientId, c.clientSecret]));
    const users = options.users ?? SALESFORCE_DEFAULTS.users;
    this.users = new Map(users.map((u) => [u.username, u.password]));
    this.reset();
  }

  reset(): void {
    this.tokens = new Set(this.options.accessTokens ?? SALESFORCE_DEFAULTS.accessTokens);
  }

  isValid(token: string): boolean {
    return this.tokens.has(token);
  }

  /** Invalidates every session, as a revoked or timed-out session would be (then 401 INVALID_SESSION_ID). */
  expireAll(): void {
    this.tokens.clear();
  }

  /** Issues a token without an HTTP round trip (tests). */
  issueToken(): string {
    const token = `${this.orgId.slice(0, 15)}!${randomBytes(36).toString('base64url')}`;
    this.tokens.add(token);
    return token;
  }

  /**
   * `POST /services/oauth2/token` for the client_credentials and password grants. The signature
   * is Base64(HMAC-SHA256(id + issued_at, client_secret)), as Salesforce computes it.
   */
  grant(params: Record<string, unknown>, instanceUrl: string): SalesforceTokenResponse {
    const grantType = params.grant_type;
    if (grantType !== 'client_credentials' && grantType !== 'password') {
      throw new SalesforceOAuthException(400, 'unsupported_grant_type', 'grant type not supported');
    }
    const clientId = typeof params.client_id === 'string' ? params.client_id : '';
    const secret = this.clients.get(clientId);
    if (secret === undefined) {
      throw new SalesforceOAuthException(400, 'invalid_client_id', 'client identifier invalid');
    }
    if (params.client_secret !== secret) {
      throw new SalesforceOAuthException(400, 'invalid_client', 'invalid client credentials');
    }
    if (grantType === 'password') {
      const username = typeof params.username === 'string' ? params.username : '';
      if (this.users.get(username) === undefined || this.users.get(username) !== params.password) {
        throw new SalesforceOAuthException(400, 'invalid_grant', 'authentication failure');
      }
    }
    const id = `${instanceUrl}/id/${this.orgId}/${this.userId}`;
    const issuedAt = String(Date.now());
    return {
      access_token: this.issueToken(),
      instance_url: instanceUrl,
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
      signature: createHmac('sha256', secret)
        .update(id + issuedAt)
        .digest('base64'),
      scope: 'api',
    };
  }
}
