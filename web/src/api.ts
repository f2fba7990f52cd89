/** The one way the web app talks to the server: JSON in, JSON or problem+json out. */
import { messages } from './i18n.ts';
import type { Lang, Problem } from './types.ts';

const state: { lang: Lang; csrfToken: string | null; onUnauthorized: () => void; onPendingStep: () => void } = {
  lang: 'zh',
  csrfToken: null,
  onUnauthorized: () => undefined,
  onPendingStep: () => undefined,
};

/** Error messages come back in this language. */
export const setApiLanguage = (lang: Lang) => {
  state.lang = lang;
};

/** Sent as x-csrf-token with every state-changing request. */
export const setCsrfToken = (token: string | null) => {
  state.csrfToken = token;
};

/** Called when the server no longer knows the session (it expired, or the user logged out elsewhere). */
export const setUnauthorizedHandler = (handler: () => void) => {
  state.onUnauthorized = handler;
};

/**
 * Called when the server refuses work until the staff member has taken a pending step (a new
 * password, enrolling a second factor): the session is then reloaded and routed to that step.
 */
export const setPendingStepHandler = (handler: () => void) => {
  state.onPendingStep = handler;
};

/** Problems that mean "take this step first", not "you may not". */
const PENDING_STEP_PROBLEMS = new Set(['/problems/password-change-required', '/problems/mfa-enrolment-required']);

/** Answers about credentials: a 401 there is a wrong password or code, not a lost session. */
const isLogin = (path: string) => path === '/api/auth/login' || path.startsWith('/api/persons/login/');

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.title);
  }
  get status() {
    return this.problem.status;
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** `path?a=1&b=x`, leaving out empty values. */
export function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  /**
   * The CSRF token to send instead of the staff session's: a person's session (my space) keeps
   * its own, so that the two contexts never overwrite each other's.
   */
  csrfToken?: string | null;
  /** Extra request headers (an Idempotency-Key). */
  headers?: Record<string, string>;
  /** The request outlives the page (a draft saved as the tab closes). */
  keepalive?: boolean;
}

export async function request<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': state.lang, ...options.headers };
  // A FormData body (file upload) sets its own multipart content type.
  if (body !== undefined && !(body instanceof FormData)) headers['content-type'] = 'application/json';
  const csrfToken = options.csrfToken !== undefined ? options.csrfToken : state.csrfToken;
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      keepalive: options.keepalive,
      body: body instanceof FormData || body === undefined ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({ type: '/problems/network', title: messages[state.lang]['error.network'], status: 0 });
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (!res.ok) {
    if (res.status === 401 && !isLogin(path)) state.onUnauthorized();
    const problem: Problem = isProblem(parsed)
      ? parsed
      : { type: '/problems/http', title: messages[state.lang]['error.http'].replace('{status}', String(res.status)), status: res.status };
    if (res.status === 403 && PENDING_STEP_PROBLEMS.has(problem.type)) state.onPendingStep();
    const retryAfter = Number(res.headers.get('retry-after'));
    if (typeof problem.retryAfter !== 'number' && Number.isFinite(retryAfter) && retryAfter > 0) problem.retryAfter = retryAfter;
    throw new ApiError(problem);
  }
  return parsed as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isProblem(v: unknown): v is Problem {
  return typeof v === 'object' && v !== null && typeof (v as Problem).title === 'string' && typeof (v as Problem).status === 'number';
}

export const get = <T>(path: string, query: Query = {}) => request<T>('GET', withQuery(path, query));
export const post = <T>(path: string, body: unknown = {}, options?: RequestOptions) => request<T>('POST', path, body, options);
export const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, body);
export const del = (path: string) => request<void>('DELETE', path);
