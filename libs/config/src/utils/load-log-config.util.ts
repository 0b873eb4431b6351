import { LOG_LEVELS } from '../constants/log-levels.constant';
import { LogConfig } from '../types/log-config.type';
import { EnvReader } from './env-reader';

export function loadLogConfig(env: EnvReader): LogConfig {
  return { level: env.oneOf('SYNCLINE_LOG_LEVEL', LOG_LEVELS, 'info') };
}
