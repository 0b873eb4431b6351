import { NotificationsConfig } from '../types/notifications-config.type';
import { EnvReader } from './env-reader';

export function loadNotificationsConfig(env: EnvReader): NotificationsConfig {
  const smtpUrl = env.secret('SYNCLINE_SMTP_URL');
  if (smtpUrl.reveal() !== '' && !/^smtps?:\/\/[^/]/.test(smtpUrl.reveal())) {
    // Never echo the value: it holds the SMTP password.
    env.fail('SYNCLINE_SMTP_URL', 'must be a URL starting with smtp:// or smtps://');
  }
  const apiUrl = env.string('SYNCLINE_NOTIFY_API_URL', '');
  if (apiUrl !== '' && !/^https?:\/\/[^/]/.test(apiUrl)) {
    env.fail('SYNCLINE_NOTIFY_API_URL', `must be an http(s) URL, got ${JSON.stringify(apiUrl)}`);
  }
  return {
    digestWindowMs: env.int('SYNCLINE_NOTIFY_DIGEST_WINDOW_MS', 60_000, {
      min: 100,
      max: 86_400_000,
    }),
    heldThresholdMs: env.int('SYNCLINE_NOTIFY_HELD_THRESHOLD_MS', 900_000, {
      min: 0,
      max: 604_800_000,
    }),
    pollMs: env.int('SYNCLINE_NOTIFY_POLL_MS', 1000, { min: 50, max: 600_000 }),
    sendTimeoutMs: env.int('SYNCLINE_NOTIFY_TIMEOUT_MS', 10_000, { min: 100, max: 300_000 }),
    smtpUrl,
    emailFrom: env.string('SYNCLINE_NOTIFY_EMAIL_FROM', 'syncline@localhost'),
    apiUrl: apiUrl.replace(/\/+$/, ''),
  };
}
