export { SynclineException } from './exceptions/syncline.exception';
export type { ErrorCode } from './types/error-code.type';
