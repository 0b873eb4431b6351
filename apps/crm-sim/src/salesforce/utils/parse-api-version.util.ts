import { SALESFORCE_DEFAULTS } from '../constants/salesforce-defaults.constant';

/** The numeric API version of a `/services/data/vXX.X/...` path or `vXX.X` param, if supported. */
export function parseApiVersion(pathOrParam: string): number | undefined {
  const match = /(?:^|\/)v(\d{2})\.(\d)(?:\/|$)/.exec(pathOrParam);
  if (!match) return undefined;
  const major = Number(match[1]);
  if (major < SALESFORCE_DEFAULTS.minApiVersion || major > SALESFORCE_DEFAULTS.maxApiVersion)
    return undefined;
  return Number(`${match[1]}.${match[2]}`);
}
