/** A tenant's notification channel as the admin API shows it: the secret never comes out. */
export interface NotificationChannel {
  id: string;
  tenant: string;
  name: string;
  kind: 'webhook' | 'email';
  /** Webhook: where digests are POSTed. */
  url?: string;
  /** Email: who gets digests. */
  recipients?: string[];
  enabled: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}
