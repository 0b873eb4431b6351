import { ConfigIssue } from '../types/config-issue.type';
import { EnvSource } from '../types/env-source.type';
import { Secret } from './secret';

// A Postgres identifier we are willing to interpolate into SQL (unquoted, lower-case friendly).
const PG_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]{0,62}$/;
const HOST_PORT = /^[A-Za-z0-9.-]+:\d{1,5}$/;

/**
 * Reads and validates environment variables, collecting every problem instead of stopping at the
 * first, so one start-up failure names all bad variables. Empty strings count as unset. An
 * invalid value yields the default (or an empty placeholder) so loading can go on; `loadConfig`
 * throws when `issues` is not empty.
 */
export class EnvReader {
  readonly issues: ConfigIssue[] = [];

  constructor(private readonly env: EnvSource) {}

  string(name: string, fallback?: string): string {
    const raw = this.raw(name);
    if (raw !== undefined) return raw;
    if (fallback !== undefined) return fallback;
    this.fail(name, 'is required');
    return '';
  }

  int(name: string, fallback: number, range: { min?: number; max?: number } = {}): number {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const min = range.min ?? Number.MIN_SAFE_INTEGER;
    const max = range.max ?? Number.MAX_SAFE_INTEGER;
    const value = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      this.fail(name, `must be an integer between ${min} and ${max}, got ${JSON.stringify(raw)}`);
      return fallback;
    }
    return value;
  }

  port(name: string, fallback: number): number {
    return this.int(name, fallback, { min: 1, max: 65535 });
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const value = raw.toLowerCase();
    if (!(allowed as readonly string[]).includes(value)) {
      this.fail(name, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`);
      return fallback;
    }
    return value as T;
  }

  /** Comma-separated host:port list, e.g. Kafka bootstrap brokers. */
  hostPortList(name: string, fallback: readonly string[]): string[] {
    const raw = this.raw(name);
    if (raw === undefined) return [...fallback];
    const items = raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    const bad = items.filter((s) => !HOST_PORT.test(s));
    if (items.length === 0 || bad.length > 0) {
      this.fail(name, `must be a comma list of host:port, got ${JSON.stringify(raw)}`);
      return [...fallback];
    }
    return items;
  }

  /** A name that SQL will interpolate: restricted to a plain Postgres identifier. */
  pgIdentifier(name: string, fallback: string): string {
    const value = this.string(name, fallback);
    if (!PG_IDENTIFIER.test(value)) {
      this.fail(name, `must be a plain Postgres identifier ([A-Za-z_][A-Za-z0-9_$]*, max 63)`);
      return fallback;
    }
    return value;
  }

  /** A URL whose protocol is one of `protocols` (without the colon). Value kept secret. */
  secretUrl(name: string, fallback: string, protocols: readonly string[]): Secret<string> {
    const value = this.string(name, fallback);
    let protocol: string | undefined;
    try {
      protocol = new URL(value).protocol.replace(/:$/, '');
    } catch {
      protocol = undefined;
    }
    if (protocol === undefined || !protocols.includes(protocol)) {
      // Never echo the value: it may hold credentials.
      this.fail(
        name,
        `must be a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}`,
      );
      return new Secret(fallback);
    }
    return new Secret(value);
  }

  /**
   * A comma list of URLs whose protocol is one of `protocols`, e.g. seed nodes; empty when unset.
   * Values kept secret (they may carry credentials) and never echoed in errors.
   */
  secretUrlList(name: string, protocols: readonly string[]): Secret<string>[] {
    const raw = this.raw(name);
    if (raw === undefined) return [];
    const items = raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    const protocolOf = (item: string): string | undefined => {
      try {
        return new URL(item).protocol.replace(/:$/, '');
      } catch {
        return undefined;
      }
    };
    const bad = items.filter((item) => !protocols.includes(protocolOf(item) ?? ''));
    if (items.length === 0 || bad.length > 0) {
      this.fail(
        name,
        `must be a comma list of URLs starting with ${protocols.map((p) => `${p}://`).join(' or ')}` +
          ` (${bad.length} of ${items.length} are not)`,
      );
      return [];
    }
    return items.map((item) => new Secret(item));
  }

  /** A secret; unset means empty (e.g. trust auth on a local stack). */
  secret(name: string, fallback = ''): Secret<string> {
    return new Secret(this.raw(name) ?? fallback);
  }

  fail(variable: string, message: string): void {
    this.issues.push({ variable, message });
  }

  private raw(name: string): string | undefined {
    const value = this.env[name];
    if (value === undefined) return undefined;
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }
}
