import { ConfigValidationException, EnvReader, EnvSource } from '@syncline/config';
import { RECONCILE_DEFAULTS } from '@syncline/reconcile';
import { ReconcilerConfig } from '../types/reconciler-config.type';

/** Validates the reconciler's variables, naming every bad one (like `loadConfig`). */
export function loadReconcilerConfig(env: EnvSource = process.env): ReconcilerConfig {
  const reader = new EnvReader(env);
  const pushgatewayUrl = reader.string('SYNCLINE_PUSHGATEWAY_URL', '');
  if (pushgatewayUrl !== '' && !isHttpUrl(pushgatewayUrl)) {
    reader.fail('SYNCLINE_PUSHGATEWAY_URL', 'must be an http(s) URL, e.g. http://pushgateway:9091');
  }
  const config: ReconcilerConfig = {
    ...(pushgatewayUrl !== '' ? { pushgatewayUrl } : {}),
    graceMs: reader.int('SYNCLINE_RECONCILE_GRACE_MS', RECONCILE_DEFAULTS.graceMs, {
      min: 0,
      max: 86_400_000,
    }),
    progressIntervalMs: reader.int('SYNCLINE_RECONCILE_PROGRESS_INTERVAL_MS', 5000, {
      min: 100,
      max: 3_600_000,
    }),
  };
  if (reader.issues.length > 0) throw new ConfigValidationException(reader.issues);
  return config;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
