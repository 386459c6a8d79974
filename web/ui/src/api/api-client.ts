import { ApiError, apiErrorFromResponse } from './api-error';

/** Options of one API call. */
export interface RequestOptions {
  signal?: AbortSignal;
  /** JSON body for POST/PUT/PATCH. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** A small JSON client for the platform API. */
export interface ApiClient {
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  post<T>(path: string, body: unknown, options?: RequestOptions): Promise<T>;
  put<T>(path: string, body: unknown, options?: RequestOptions): Promise<T>;
  delete<T>(path: string, options?: RequestOptions): Promise<T>;
  /**
   * Like `request`, for answers that are not JSON (an HTML preview, a DOCX or PDF download): the body as a
   * Blob carrying the response's content type. Errors are raised as for `request`.
   */
  requestBlob(method: string, path: string, options?: RequestOptions): Promise<Blob>;
}

export interface ApiClientOptions {
  /** e.g. `http://127.0.0.1:7071/api`; paths are appended to it. */
  baseUrl: string;
  /**
   * Per-app bases by a path's first segment (`metadata/tree` → `apiBases.metadata`), for Azure, where
   * each Function app has its own host; apps not listed use `baseUrl`.
   */
  apiBases?: Readonly<Record<string, string>>;
  /** The current bearer token. */
  getAccessToken: () => string | undefined;
  /** Called on 401 (token expired or revoked), e.g. to sign in again. */
  onUnauthorized?: (error: ApiError) => void;
  fetch?: typeof fetch;
  /** Give up on a request after this long (ApiError `NETWORK.TIMEOUT`); default 30 s. */
  timeoutMs?: number;
  /**
   * Sees every answer's status and headers (successes and failures alike) before its body is read, e.g.
   * the client deployment's `x-license-*` headers that feed the Client UI's licence banner.
   */
  onResponse?: (response: Response) => void;
}

/** Creates a client sending JSON with a bearer token and raising `ApiError` on any failure. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const base = options.baseUrl.replace(/\/+$/, '');
  const bases = new Map(
    Object.entries(options.apiBases ?? {}).map(([app, url]) => [app, url.replace(/\/+$/, '')]),
  );

  async function send<R>(
    method: string,
    path: string,
    { signal, body, headers }: RequestOptions,
    accept: string,
    read: (response: Response) => Promise<R>,
  ): Promise<{ response: Response; payload: R }> {
    const relative = path.replace(/^\/+/, '');
    const url = `${bases.get(relative.split('/', 1)[0] ?? '') ?? base}/${relative}`;
    const token = options.getAccessToken();
    const init: RequestInit = {
      method,
      headers: {
        accept,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
    };
    if (body !== undefined) init.body = JSON.stringify(body);
    // One controller for both the caller's abort (unmount) and our timeout, so a hung API ends in an
    // error panel with a retry instead of an endless spinner.
    const controller = new AbortController();
    init.signal = controller.signal;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.timeoutMs ?? 30_000);
    const forwardAbort = () => controller.abort(signal?.reason);
    if (signal?.aborted) forwardAbort();
    signal?.addEventListener('abort', forwardAbort, { once: true });
    let response: Response;
    let payload: R;
    try {
      response = await doFetch(url, init);
      options.onResponse?.(response);
      payload = await read(response);
    } catch (err) {
      if (signal?.aborted) throw err;
      if (timedOut) throw new ApiError(0, 'NETWORK.TIMEOUT', `${method} ${path} got no answer in time.`);
      throw new ApiError(0, 'NETWORK.UNREACHABLE', `The API at ${base} could not be reached.`);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', forwardAbort);
    }
    if (!response.ok) {
      const text =
        typeof payload === 'string' ? payload : payload instanceof Blob ? await payload.text() : '';
      const error = apiErrorFromResponse(response.status, response.statusText, text, response.headers);
      if (response.status === 401) options.onUnauthorized?.(error);
      throw error;
    }
    return { response, payload };
  }

  async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const { response, payload: text } = await send(method, path, options, 'application/json', (r) =>
      r.text(),
    );
    if (text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError(response.status, 'RESPONSE.NOT_JSON', `${method} ${path} did not answer with JSON.`);
    }
  }

  return {
    request,
    get: (path, o) => request('GET', path, o),
    post: (path, body, o) => request('POST', path, { ...o, body }),
    put: (path, body, o) => request('PUT', path, { ...o, body }),
    delete: (path, o) => request('DELETE', path, o),
    requestBlob: async (method, path, o = {}) =>
      (await send(method, path, o, '*/*', (r) => r.blob())).payload,
  };
}
