import { SynclineConfig } from '../types/syncline-config.type';
import { loadConfig } from './load-config.util';

let cached: SynclineConfig | undefined;

/** The process-wide configuration, loaded from process.env on first use and then reused. */
export function getConfig(): SynclineConfig {
  cached ??= loadConfig(process.env);
  return cached;
}
