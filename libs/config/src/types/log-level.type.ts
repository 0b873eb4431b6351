import { LOG_LEVELS } from '../constants/log-levels.constant';

export type LogLevel = (typeof LOG_LEVELS)[number];
