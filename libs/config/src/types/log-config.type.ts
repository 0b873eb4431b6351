import { LogLevel } from './log-level.type';

export interface LogConfig {
  level: LogLevel;
}
