/** Test/operator endpoints: never authenticated, rate-limited, faulted or logged. */
export const ADMIN_PATH_PREFIX = '/__sim';
