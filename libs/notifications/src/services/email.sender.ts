import { Secret } from '@syncline/config';
import { createTransport, Transporter } from 'nodemailer';
import { NotificationFailedException } from '../exceptions/notification-failed.exception';
import { DigestPayload } from '../types/digest-payload.type';
import { renderDigestEmail } from '../utils/render-digest-email.util';

/**
 * Mails a digest through the SMTP server of SYNCLINE_SMTP_URL (nodemailer). An SMTP 5xx answer
 * (a recipient refused for good) is not retriable; connection trouble, timeouts, 4xx answers and
 * refused SMTP credentials (the operator fixes them, the digest must not be lost) are.
 */
export class EmailSender {
  private transport?: Transporter;

  constructor(
    private readonly smtpUrl: Secret<string>,
    private readonly from: string,
    private readonly timeoutMs: number,
  ) {}

  get configured(): boolean {
    return this.smtpUrl.reveal() !== '';
  }

  async send(target: { recipients: string[] }, digest: DigestPayload): Promise<void> {
    if (!this.configured)
      throw new NotificationFailedException(
        'email channels need SYNCLINE_SMTP_URL on the delivery-worker',
        false,
      );
    const { subject, text } = renderDigestEmail(digest);
    try {
      await this.transporter().sendMail({
        from: this.from,
        to: target.recipients,
        subject,
        text,
        headers: { 'X-Syncline-Notification-Id': digest.id },
      });
    } catch (error) {
      const { responseCode, code } = error as { responseCode?: number; code?: string };
      const permanent = responseCode !== undefined && responseCode >= 500 && code !== 'EAUTH';
      throw new NotificationFailedException(
        `SMTP send failed: ${error instanceof Error ? error.message : String(error)}`,
        !permanent,
        { cause: error },
      );
    }
  }

  close(): void {
    this.transport?.close();
  }

  private transporter(): Transporter {
    if (this.transport) return this.transport;
    const url = new URL(this.smtpUrl.reveal());
    const secure = url.protocol === 'smtps:';
    this.transport = createTransport({
      host: url.hostname,
      port: url.port ? Number(url.port) : secure ? 465 : 587,
      secure,
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      connectionTimeout: this.timeoutMs,
      greetingTimeout: this.timeoutMs,
      socketTimeout: this.timeoutMs,
    });
    return this.transport;
  }
}
