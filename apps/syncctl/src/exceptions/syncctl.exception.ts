export type SyncctlErrorCode =
  | 'usage'
  | 'no-kubeconfig'
  | 'unreachable'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'api-error';

/** Process exit status per error: 2 for a bad command line (as getopt tools do), 1 otherwise. */
export const EXIT_CODES = {
  usage: 2,
  'no-kubeconfig': 1,
  unreachable: 1,
  unauthorized: 1,
  forbidden: 1,
  'not-found': 1,
  conflict: 1,
  'api-error': 1,
} as const satisfies Record<SyncctlErrorCode, number>;

/** An error syncctl explains to its user in one message; never a stack trace. */
export class SyncctlException extends Error {
  constructor(
    readonly code: SyncctlErrorCode,
    message: string,
  ) {
    super(message);
    this.name = SyncctlException.name;
  }

  get exitCode(): number {
    return EXIT_CODES[this.code];
  }
}
