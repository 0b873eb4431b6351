/** Largest request body accepted (2 MiB, as before); bigger ones get 413. */
export const BODY_LIMIT_BYTES = 2 * 1024 * 1024;
