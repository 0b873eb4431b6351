import { Secret } from '../utils/secret';

/** `T` with every `Secret` replaced by the string "[redacted]". */
export type Redacted<T> =
  T extends Secret<unknown>
    ? string
    : T extends readonly (infer U)[]
      ? Redacted<U>[]
      : T extends object
        ? { [K in keyof T]: Redacted<T[K]> }
        : T;
