/** An error's message, by shape (errors from Node internals may come from another realm). */
export function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { message } = error as { message?: unknown };
    if (typeof message === 'string') return message;
  }
  return String(error);
}
