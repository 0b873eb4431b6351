import { inspect } from 'node:util';
import { loadConfig } from './load-config.util';

describe('notifications settings', () => {
  it('defaults to a one-minute digest window, a 15-minute hold threshold and no email', () => {
    const { notifications } = loadConfig({});
    expect(notifications).toMatchObject({
      digestWindowMs: 60_000,
      heldThresholdMs: 900_000,
      pollMs: 1000,
      sendTimeoutMs: 10_000,
      emailFrom: 'syncline@localhost',
      apiUrl: '',
    });
    expect(notifications.smtpUrl.reveal()).toBe('');
  });

  it('reads the SMTP URL as a secret that never reaches a log line', () => {
    const { notifications } = loadConfig({
      SYNCLINE_SMTP_URL: 'smtps://notifier:pa55@smtp.example.com:465',
      SYNCLINE_NOTIFY_API_URL: 'https://syncline.example.com/',
    });
    expect(notifications.smtpUrl.reveal()).toBe('smtps://notifier:pa55@smtp.example.com:465');
    expect(inspect(notifications)).not.toContain('pa55');
    expect(JSON.stringify(notifications)).not.toContain('pa55');
    expect(notifications.apiUrl).toBe('https://syncline.example.com');
  });

  it('refuses values it cannot use, naming the variable and never echoing the SMTP URL', () => {
    expect(() => loadConfig({ SYNCLINE_SMTP_URL: 'http://user:hunter2@mail' })).toThrow(
      /SYNCLINE_SMTP_URL/,
    );
    expect(() => loadConfig({ SYNCLINE_SMTP_URL: 'http://user:hunter2@mail' })).not.toThrow(
      /hunter2/,
    );
    expect(() => loadConfig({ SYNCLINE_NOTIFY_DIGEST_WINDOW_MS: '10' })).toThrow(
      /SYNCLINE_NOTIFY_DIGEST_WINDOW_MS/,
    );
    expect(() => loadConfig({ SYNCLINE_NOTIFY_API_URL: 'syncline.example.com' })).toThrow(
      /SYNCLINE_NOTIFY_API_URL/,
    );
  });
});
