/**
 * Who logs in at the provider: the platform's own accounts. A platform session's principal becomes
 * a provider account id (`staff:<uuid>`, `person:<uuid>`), and account sources, one per kind, turn
 * an account id back into an account. Staff is here; persons register theirs with
 * `OidcApi.addAccountSource('person', …)`.
 */
import type { Kysely } from 'kysely';
import type { Principal } from '../../../core/permissions.ts';
import type { IdentityTables } from '../schema.ts';
import type { Account, AccountSource } from './model.ts';

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

/** Dispatches on the account id's kind (`staff:…`, `person:…`). */
export class Accounts implements AccountSource {
  readonly #sources = new Map<string, AccountSource>();

  add(kind: Account['kind'], source: AccountSource) {
    this.#sources.set(kind, source);
  }

  async find(accountId: string): Promise<Account | null> {
    const kind = accountId.slice(0, accountId.indexOf(':'));
    return (await this.#sources.get(kind)?.find(accountId)) ?? null;
  }
}
