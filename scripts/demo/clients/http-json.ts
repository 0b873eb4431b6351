export interface JsonResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** One JSON request; the body is parsed when there is one (undefined otherwise). */
export async function requestJson<T>(
  method: string,
  url: string,
  { headers = {}, body }: { headers?: Record<string, string>; body?: unknown } = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : undefined) as T,
  };
}

/** Like `requestJson`, but anything other than 2xx is an error naming the call and the answer. */
export async function requestOk<T>(
  method: string,
  url: string,
  options: { headers?: Record<string, string>; body?: unknown } = {},
): Promise<T> {
  const response = await requestJson<T>(method, url, options);
  if (response.status < 200 || response.status >= 300) {
    throw new Error(
      `${method} ${url} answered ${response.status}: ${JSON.stringify(response.body)}`,
    );
  }
  return response.body;
}
