/**
 * The rules of single sign-on, without I/O: which scopes and claims exist and what releases them,
 * what a client registration must say, pairwise subjects, and account ids.
 */
import { createHmac } from 'node:crypto';

/** Scopes a relying party (authorization code client) may be registered for. */
export const OIDC_SCOPES = {
  openid: 'OpenID Connect: the pairwise subject (sub)',
  offline_access: 'refresh tokens that outlive the single sign-on session',
  profile: 'name and the masked ID number (id_number_masked)',
  id_number: 'the full ID number (id_number); every release is audited',
  entity: 'the enterprise the person acts for (acting_for: credit_code, name)',
} as const;
export type OidcScope = keyof typeof OIDC_SCOPES;
export const OIDC_SCOPE_NAMES = Object.keys(OIDC_SCOPES) as OidcScope[];
export const DEFAULT_SCOPES: OidcScope[] = ['openid', 'offline_access', 'profile'];

/** Which claims each scope releases (oidc-provider's `claims` setting). */
export const SCOPE_CLAIMS: Record<OidcScope, string[]> = {
  openid: ['sub'],
  offline_access: [],
  profile: ['name', 'id_number_masked'],
  id_number: ['id_number'],
  entity: ['acting_for'],
};

/** Machine scopes: the names API routes ask of client-credentials tokens (`config.access.machine.scope`). */
export const MACHINE_SCOPE_PATTERN = '^[a-z][a-z0-9_.:-]{0,63}$';

export const GRANTS = ['authorization_code', 'client_credentials'] as const;
export type GrantKind = (typeof GRANTS)[number];

export interface ClientInput {
  name: string;
  grant: GrantKind;
  redirectUris?: string[];
  postLogoutRedirectUris?: string[];
  backchannelLogoutUri?: string | null;
  scopes?: string[];
}

export interface ClientProblem {
  field: string;
  rule: string;
  zh: string;
  en: string;
}

const webUri = (raw: string): URL | null => {
  const u = URL.parse(raw);
  return u && (u.protocol === 'https:' || u.protocol === 'http:') && !u.hash && !u.username && !u.password ? u : null;
};

/**
 * Checks a registration and returns it normalized (scopes de-duplicated, openid always for
 * relying parties), or the list of problems. http URIs are allowed only where `allowHttp` (outside
 * production), except on loopback addresses, which only a developer's own machine uses.
 */
export function checkClient(input: ClientInput, allowHttp: boolean): { ok: true; client: Required<ClientInput> } | { ok: false; problems: ClientProblem[] } {
  const problems: ClientProblem[] = [];
  const name = input.name.trim();
  if (!name) problems.push({ field: 'name', rule: 'required', zh: '必须填写', en: 'is required' });
  const uris = (field: string, list: string[]) =>
    list.forEach((raw, i) => {
      const u = webUri(raw);
      if (!u) problems.push({ field: `${field}/${i}`, rule: 'format', zh: '不是有效的 http(s) 地址（不能含 # 片段）', en: 'is not a valid http(s) URI (no # fragment)' });
      else if (u.protocol === 'http:' && !allowHttp && !['127.0.0.1', '[::1]', 'localhost'].includes(u.hostname)) {
        problems.push({ field: `${field}/${i}`, rule: 'https', zh: '生产环境须使用 https', en: 'must use https in production' });
      }
    });
  const redirectUris = [...new Set(input.redirectUris ?? [])];
  const postLogout = [...new Set(input.postLogoutRedirectUris ?? [])];
  const backchannel = input.backchannelLogoutUri?.trim() || null;
  let scopes = [...new Set(input.scopes ?? [])];
  if (input.grant === 'authorization_code') {
    if (!redirectUris.length) problems.push({ field: 'redirectUris', rule: 'required', zh: '至少填写一个回调地址', en: 'needs at least one redirect URI' });
    uris('redirectUris', redirectUris);
    uris('postLogoutRedirectUris', postLogout);
    if (backchannel) uris('backchannelLogoutUri', [backchannel]);
    if (!scopes.length) scopes = [...DEFAULT_SCOPES];
    scopes.forEach((s, i) => {
      if (!(OIDC_SCOPE_NAMES as string[]).includes(s)) {
        problems.push({ field: `scopes/${i}`, rule: 'enum', zh: `只能是 ${OIDC_SCOPE_NAMES.join('、')} 之一`, en: `must be one of ${OIDC_SCOPE_NAMES.join(', ')}` });
      }
    });
    if (!scopes.includes('openid')) scopes.unshift('openid');
  } else {
    for (const [field, given] of [['redirectUris', redirectUris.length], ['postLogoutRedirectUris', postLogout.length], ['backchannelLogoutUri', backchannel ? 1 : 0]] as const) {
      if (given) problems.push({ field, rule: 'absent', zh: '机器客户端（客户端凭证）不使用此项', en: 'is not used by machine (client credentials) clients' });
    }
    const pattern = new RegExp(MACHINE_SCOPE_PATTERN);
    scopes.forEach((s, i) => {
      if (!pattern.test(s) || (OIDC_SCOPE_NAMES as string[]).includes(s)) {
        problems.push({ field: `scopes/${i}`, rule: 'pattern', zh: '机器权限范围须为小写字母开头的名称，且不能是用户信息范围', en: 'must be a lower-case name, not one of the user-information scopes' });
      }
    });
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, client: { name, grant: input.grant, redirectUris, postLogoutRedirectUris: postLogout, backchannelLogoutUri: backchannel, scopes } };
}

/** What oidc-provider is told about a registered client. */
export function clientMetadata(c: { id: string; secretHash: string } & Required<ClientInput>): Record<string, unknown> {
  const common = {
    client_id: c.id,
    // The provider compares secrets through Client.prototype.compareClientSecret, which the
    // platform replaces with a comparison of hashes (provider.ts); HMAC algorithms that would
    // use the secret itself as a key are not offered.
    client_secret: c.secretHash,
    client_name: c.name,
    token_endpoint_auth_method: 'client_secret_basic',
  };
  if (c.grant === 'client_credentials') {
    // Machine scopes are not the provider's (user-information) scopes: the resource server (the
    // platform's API, provider.ts) holds them.
    return { ...common, grant_types: ['client_credentials'], response_types: [], redirect_uris: [], subject_type: 'public' };
  }
  return {
    ...common,
    scope: c.scopes.join(' '),
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: c.redirectUris,
    post_logout_redirect_uris: c.postLogoutRedirectUris,
    ...(c.backchannelLogoutUri ? { backchannel_logout_uri: c.backchannelLogoutUri, backchannel_logout_session_required: true } : {}),
    subject_type: 'pairwise',
    id_token_signed_response_alg: 'RS256',
  };
}

/**
 * Account ids of the provider: `staff:<uuid>`, `person:<uuid>`, and for a person acting for an
 * enterprise `person:<uuid>@<credit code>`. The subject is the part before `@`: a person has one
 * `sub` per client whatever they act for; `acting_for` says for which enterprise.
 */
export const subjectOf = (accountId: string) => accountId.split('@')[0]!;

/** A pairwise `sub`: the same person has unrelated subjects at two clients. */
export function pairwiseSub(salt: string, clientId: string, accountId: string): string {
  return createHmac('sha256', salt).update(`${clientId}\n${subjectOf(accountId)}`).digest('base64url');
}

export interface Account {
  kind: 'staff' | 'person';
  id: string;
  name: string;
  idNumberMasked?: string;
  /** The full ID number, read only when a client granted `id_number` receives it. */
  idNumber?: () => Promise<string>;
  actingFor?: { creditCode: string; name: string } | null;
}

/** Finds accounts by provider account id (persons plug theirs in next to staff). */
export interface AccountSource {
  find(accountId: string): Promise<Account | null>;
}

/**
 * The claims for the granted scopes. The full ID number is read (and `release` called, which
 * audits it) only when `id_number` is granted and the account has one.
 */
export async function claimsFor(
  accountId: string,
  account: Account,
  scopes: ReadonlySet<string>,
  release: (claim: 'id_number') => Promise<void>,
): Promise<Record<string, unknown>> {
  const claims: Record<string, unknown> = { sub: accountId };
  if (scopes.has('profile')) {
    claims.name = account.name;
    if (account.idNumberMasked) claims.id_number_masked = account.idNumberMasked;
  }
  if (scopes.has('id_number') && account.idNumber) {
    claims.id_number = await account.idNumber();
    await release('id_number');
  }
  if (scopes.has('entity')) {
    claims.acting_for = account.actingFor ? { credit_code: account.actingFor.creditCode, name: account.actingFor.name } : null;
  }
  return claims;
}

/** Scopes granted at consent: what was asked, within what the client is registered for. */
export const grantedScopes = (requested: string | undefined, registered: string | undefined): string[] => {
  const allowed = new Set((registered ?? '').split(' ').filter(Boolean));
  return [...new Set((requested ?? '').split(' ').filter((s) => allowed.has(s)))];
};
