/**
 * Who logs in at the provider: the platform's own accounts. A platform session's principal becomes
 * a provider account id (`staff:<uuid>`, `person:<uuid>`), and account sources, one per kind, turn
 * an account id back into an account. Staff is here; persons register theirs with
 * `OidcApi.addAccountSource('person', …)`.
 */
import type { Kysely } from 'kysely';
import type { Principal } from '../../../core/permissions.ts';
import type { IdentityTables } from '../schema.ts';
import { subjectOf, type Account, type AccountSource } from './model.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The provider account of a platform principal; null for principals that cannot log in at the provider. */
export function accountIdFor(principal: Principal): string | null {
  switch (principal.kind) {
    case 'staff':
      return `staff:${principal.id}`;
    case 'person':
      // Acting for an enterprise: the tokens say for which (the subject stays the person's).
      return principal.actingFor ? `person:${principal.id}@${principal.actingFor.creditCode}` : `person:${principal.id}`;
    default:
      return null;
  }
}

/** Staff accounts: a name and no ID number; a deactivated account is no account. */
export function staffAccounts(db: Kysely<unknown>): AccountSource {
  return {
    async find(accountId) {
      const id = accountId.slice('staff:'.length);
      if (!UUID.test(id)) return null;
      const row = await (db as Kysely<IdentityTables>).selectFrom('identity.staff').select(['id', 'name', 'active']).where('id', '=', id).executeTakeFirst();
      return row?.active ? { kind: 'staff', id: row.id, name: row.name } satisfies Account : null;
    },
  };
}

/**
 * How long an account found is trusted from memory: the provider asks for it at every token
 * exchange. The identity module drops an account at once in this process when it changes
 * (`forget`: deactivation, grants, real-name level, enterprises); other server copies see the
 * change within this time, as they see sessions (service.ts).
 */
const ACCOUNT_CACHE_MS = 5_000;

/** Dispatches on the account id's kind (`staff:…`, `person:…`). */
export class Accounts implements AccountSource {
  readonly #sources = new Map<string, AccountSource>();
  readonly #cache = new Map<string, { account: Account | null; until: number }>();

  add(kind: Account['kind'], source: AccountSource) {
    this.#sources.set(kind, source);
    this.#cache.clear();
  }

  async find(accountId: string): Promise<Account | null> {
    const now = Date.now();
    const cached = this.#cache.get(accountId);
    if (cached && cached.until > now) return cached.account;
    const kind = accountId.slice(0, accountId.indexOf(':'));
    const account = (await this.#sources.get(kind)?.find(accountId)) ?? null;
    if (this.#cache.size >= 10_000) for (const [k, v] of this.#cache) if (v.until <= now) this.#cache.delete(k);
    this.#cache.set(accountId, { account, until: now + ACCOUNT_CACHE_MS });
    return account;
  }

  /** Drops the cached accounts of a staff member or a person (`<kind>:<id>`, and `@<credit code>` variants). */
  forget(id: string) {
    for (const k of this.#cache.keys()) if (subjectOf(k).endsWith(`:${id}`)) this.#cache.delete(k);
  }
}
