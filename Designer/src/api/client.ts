/**
 * The one way the web app talks to the server: fetch with the session cookie, JSON in and out, and RFC 7807 problems
 * turned into an {@link ApiError} that names the fields the server complained about.
 */

/** A problem answer from the server (or a network failure, status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  /** Field (as the server names it, e.g. "userName" or "activities[2].type") → messages. */
  readonly fieldErrors: Record<string, string[]>;
  /** The server's machine-readable code, e.g. "NotFound", "Invalid", "SignInFailed". */
  readonly code?: string;
  /** The whole problem document, for extensions a page may need. */
  readonly body?: unknown;

  constructor(status: number, title: string, fieldErrors: Record<string, string[]> = {}, code?: string, body?: unknown) {
    super(title);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.fieldErrors = fieldErrors;
    this.code = code;
    this.body = body;
  }

  /** Messages for one field; also matches nested names ("form" matches "form.fields[0].key"). */
  forField(field: string, nested = false): string[] {
    const exact = this.fieldErrors[field] ?? [];
    if (!nested) return exact;
    const lower = field.toLowerCase();
    return Object.entries(this.fieldErrors)
      .filter(([key]) => key.toLowerCase() === lower || key.toLowerCase().startsWith(lower + '.') || key.toLowerCase().startsWith(lower + '['))
      .flatMap(([, messages]) => messages);
  }
}

/** Called with every 401 so the app can go back to the sign-in page (set by the auth provider). */
let onUnauthorized: (() => void) | undefined;
export function setUnauthorizedHandler(handler: (() => void) | undefined) {
  onUnauthorized = handler;
}

export interface RequestOptions {
  /** Query values; undefined and empty ones are left out. */
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
  /** Extra headers, e.g. Idempotency-Key. */
  headers?: Record<string, string>;
  /** Do not call the global 401 handler (the sign-in page and /me use this). */
  quietUnauthorized?: boolean;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const url = path.startsWith('/') ? path : '/' + path;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${url}?${text}` : url;
}

async function request<T>(method: string, path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
  // X-ConsultFlow-Request tells the server the request comes from this app: another site's page cannot send a custom
  // header without a CORS preflight the server never grants, so state changes without it are refused as cross-site.
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...options.headers, 'X-ConsultFlow-Request': '1' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), { method, headers, body: payload, credentials: 'same-origin', signal: options.signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, '无法连接服务器。(The server cannot be reached.)');
  }
  if (response.status === 401 && !options.quietUnauthorized) onUnauthorized?.();
  if (!response.ok) throw await toError(response);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) return (await response.json()) as T;
  return (await response.text()) as unknown as T;
}

async function toError(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const problem = (body ?? {}) as { title?: string; detail?: string; errors?: Record<string, string[]>; code?: string };
  const title = problem.title || problem.detail || `${response.status} ${response.statusText}`;
  return new ApiError(response.status, title, problem.errors ?? {}, problem.code, body);
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body ?? undefined, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
  /** A URL for a download link (same origin, the cookie goes along). */
  url: buildUrl,
};
