import { ADMIN_PATH_PREFIX } from '../constants/admin-path-prefix.constant';
import { METRICS_PATH } from '../constants/metrics-path.constant';

/** True for the sim's own endpoints (admin API, metrics), which bypass the vendor pipeline. */
export function isAdminPath(url: string): boolean {
  const path = url.split('?', 1)[0];
  return (
    path === ADMIN_PATH_PREFIX || path.startsWith(`${ADMIN_PATH_PREFIX}/`) || path === METRICS_PATH
  );
}
