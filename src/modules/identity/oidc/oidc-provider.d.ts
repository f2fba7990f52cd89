/**
 * The part of oidc-provider 9 (which ships no types) that the platform uses. Written from the
 * library's source (lib/provider.js, lib/models/*, lib/helpers/defaults.js); widen it when more is
 * used rather than casting at call sites.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export type AdapterPayload = Record<string, unknown> & {
    jti?: string;
    grantId?: string;
    userCode?: string;
    uid?: string;
    consumed?: number;
  };

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface Cookies {
    get(name: string, opts?: { signed?: boolean }): string | undefined;
    set(name: string, value: string | null, opts?: Record<string, unknown>): void;
  }

  export interface ClientModel {
    clientId: string;
    clientName?: string;
    scope?: string;
    backchannelLogoutUri?: string;
    grantTypeAllowed(type: string): boolean;
    /** Posts a logout token (sub: the account, pairwise for the client; sid) to backchannelLogoutUri. */
    backchannelLogout(accountId: string, sid: string | undefined): Promise<void>;
    compareClientSecret(actual: string): boolean | Promise<boolean>;
  }

  export interface SessionModel {
    /** The session's id (the cookie's value). */
    jti: string;
    accountId?: string;
    uid: string;
    /** Per client: the sid of its tokens, the grant, and whether the grant outlives a logout (offline_access). */
    authorizations?: Record<string, { sid?: string; grantId?: string; persistsLogout?: boolean }>;
  }

  export interface Params {
    [key: string]: unknown;
    scope?: string;
    logout?: string;
    client_id?: string;
    grant_type?: string;
    ui_locales?: string;
  }

  export interface OIDCContext {
    route: string;
    issuer: string;
    client?: ClientModel;
    session?: SessionModel;
    params?: Params;
    result?: { login?: { accountId: string } } & Record<string, unknown>;
    entities: Record<string, unknown>;
    urlFor(name: string, opt?: Record<string, unknown>): string;
  }

  /** Koa's context, with what the provider adds. */
  export interface KoaContextWithOIDC {
    oidc: OIDCContext;
    cookies: Cookies;
    ip: string;
    method: string;
    path: string;
    status: number;
    type: string;
    body: unknown;
    state: Record<string, unknown>;
    req: IncomingMessage;
    get(header: string): string;
    set(header: string, value: string): void;
  }

  export type Middleware = (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>;

  export interface Account {
    accountId: string;
    claims(use: string, scope: string, claims: Record<string, unknown>, rejected: string[]): Promise<Record<string, unknown>>;
  }

  export interface InteractionDetails {
    uid: string;
    jti: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Params & { client_id: string; redirect_uri?: string };
    session?: { accountId?: string; uid?: string; cookie?: string };
    grantId?: string;
    lastSubmission?: Record<string, unknown>;
  }

  export interface InteractionResults {
    login?: { accountId: string; amr?: string[]; acr?: string; ts?: number; remember?: boolean };
    consent?: { grantId: string };
    error?: string;
    error_description?: string;
  }

  export class Grant {
    constructor(properties: { accountId: string; clientId: string });
    jti: string;
    accountId?: string;
    clientId?: string;
    addOIDCScope(scope: string): void;
    getOIDCScope(): string;
    save(): Promise<string>;
    static find(id: string): Promise<Grant | undefined>;
  }

  export interface TokenModel {
    jti: string;
    clientId: string;
    accountId?: string;
    scope?: string;
    aud?: string | string[];
    exp: number;
    isExpired: boolean;
    cnf?: unknown;
    'x5t#S256'?: string;
  }

  export interface TokenClass<T> {
    find(value: string, opts?: { ignoreExpiration?: boolean }): Promise<T | undefined>;
  }

  export class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    issuer: string;
    proxy: boolean;
    Client: { find(id: string): Promise<ClientModel | undefined>; prototype: ClientModel };
    Grant: typeof Grant;
    ClientCredentials: TokenClass<TokenModel>;
    AccessToken: TokenClass<TokenModel>;
    RefreshToken: TokenClass<TokenModel>;
    Session: {
      findByUid(uid: string): Promise<SessionModel | undefined>;
      /** The session named by the request's (signed) session cookie, or a new empty one. */
      get(ctx: unknown): Promise<SessionModel>;
    };
    /** Koa's context for a raw request (cookies read with the provider's keys). */
    createContext(req: IncomingMessage, res: ServerResponse): unknown;
    cookieName(type: 'session' | 'interaction' | 'resume'): string;
    emit(event: string, ...args: unknown[]): boolean;
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;
    use(middleware: Middleware): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionResult(req: IncomingMessage, res: ServerResponse, result: InteractionResults, options?: { mergeWithLastSubmission?: boolean }): Promise<string>;
  }

  export class Check {
    constructor(reason: string, description: string, check: (ctx: KoaContextWithOIDC) => boolean | Promise<boolean>);
    static REQUEST_PROMPT: true;
    static NO_NEED_TO_PROMPT: false;
  }

  export interface Prompt {
    name: string;
    checks: { add(check: Check): void; get(reason: string): Check | undefined };
  }

  export interface Policy extends Array<Prompt> {
    get(name: string): Prompt | undefined;
  }

  export const interactionPolicy: {
    base(): Policy;
    Check: typeof Check;
  };

  export const errors: {
    InvalidTarget: new (description?: string) => Error;
    SessionNotFound: new (description?: string) => Error;
  };

  export default Provider;
}
