/** Awaits a promise that must reject and returns its error (tests inspect codes, bodies, headers). */
export async function captureRejection<E = unknown>(promise: PromiseLike<unknown>): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
