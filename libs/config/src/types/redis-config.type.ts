import { Secret } from '../utils/secret';

export interface RedisConfig {
  /** A secret because a redis:// URL may carry credentials. */
  url: Secret<string>;
}
