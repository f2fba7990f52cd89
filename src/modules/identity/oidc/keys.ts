/**
 * Signing keys and generated secrets, kept in the database so that every server copy and every
 * restart signs and verifies alike.
 *
 * Keys are RSA 2048 (RS256, what every relying party accepts). The private JWK is stored as plain
 * JSON in identity.oidc_key: the database is the key store, as it already is for sessions and
 * (hashed) secrets; encryption at rest is the database's or the disk's. A key-encryption key would
 * need a secret store the platform does not have yet.
 *
 * Rotation adds a key that signs from then on; the one before is marked retired and stays
 * published in the JWKS until every token it signed has expired (the longest lifetime of a signed
 * token plus clock tolerance), then it is deleted. A unique index allows one signing key, so two
 * rotations racing cannot both succeed.
 */
import { createHash, generateKeyPair, randomBytes, type JsonWebKey } from 'node:crypto';
import { promisify } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { audit, auditedTx, type Actor } from '../../../core/audit.ts';
import type { OidcTables } from './schema.ts';

const generate = promisify(generateKeyPair);

export type PrivateJwk = JsonWebKey & { kid: string; alg: 'RS256'; use: 'sig' };

/** RFC 7638 thumbprint of an RSA public key: a kid that names the key and nothing else. */
export function thumbprint(jwk: { e?: string; n?: string }): string {
  return createHash('sha256').update(JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n })).digest('base64url');
}

export async function newSigningKey(): Promise<PrivateJwk> {
  const { privateKey } = await generate('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  return { ...jwk, kid: thumbprint(jwk), alg: 'RS256', use: 'sig' };
}

export class KeyStore {
  constructor(
    private readonly database: Kysely<unknown>,
    /** How long a retired key stays published: the longest lifetime of anything it signed. */
    readonly retentionSeconds: number,
  ) {}

  private get db() {
    return this.database as Kysely<OidcTables>;
  }

  /** Creates the first signing key if there is none (a fresh database). */
  async ensureSigningKey(actor: Actor): Promise<void> {
    const active = await this.db.selectFrom('identity.oidc_key').select('kid').where('retired_at', 'is', null).executeTakeFirst();
    if (active) return;
    const jwk = await newSigningKey();
    await this.database.transaction().execute(async (tx) => {
      // Another server copy may have made one meanwhile: the unique index keeps the first.
      const made = await (tx as unknown as Kysely<OidcTables>)
        .insertInto('identity.oidc_key')
        .values({ kid: jwk.kid, jwk: JSON.stringify(jwk) })
        .onConflict((oc) => oc.doNothing())
        .returning('kid')
        .executeTakeFirst();
      if (made) await audit(tx, actor, { action: 'oidc.key_create', targetType: 'oidc_key', targetId: jwk.kid });
    });
  }

  /** The keys to publish and sign with: the signing key first, then retired keys still in use. */
  async published(now = new Date()): Promise<PrivateJwk[]> {
    const since = new Date(now.getTime() - this.retentionSeconds * 1000);
    const rows = await this.db
      .selectFrom('identity.oidc_key')
      .select(['jwk', 'retired_at', 'created_at'])
      .where((eb) => eb.or([eb('retired_at', 'is', null), eb('retired_at', '>', since)]))
      .orderBy(sql`retired_at is null`, 'desc')
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map((r) => r.jwk as PrivateJwk);
  }

  /** Adds a new signing key, retires the current one and deletes keys whose tokens have all expired. */
  async rotate(actor: Actor): Promise<{ kid: string; retired: string[]; deleted: string[] }> {
    const jwk = await newSigningKey();
    return auditedTx(this.database, actor, async (tx) => {
      const t = tx as unknown as Kysely<OidcTables>;
      const now = new Date();
      const retired = await t.updateTable('identity.oidc_key').set({ retired_at: now }).where('retired_at', 'is', null).returning('kid').execute();
      await t.insertInto('identity.oidc_key').values({ kid: jwk.kid, jwk: JSON.stringify(jwk) }).execute();
      const deleted = await t
        .deleteFrom('identity.oidc_key')
        .where('retired_at', '<', new Date(now.getTime() - this.retentionSeconds * 1000))
        .returning('kid')
        .execute();
      const result = { kid: jwk.kid, retired: retired.map((r) => r.kid), deleted: deleted.map((r) => r.kid) };
      return { result, change: { action: 'oidc.key_rotate', targetType: 'oidc_key', targetId: jwk.kid, after: result } };
    });
  }

  /** A generated secret, the same for every server copy: made once, on first use. */
  async secret(name: string, bytes = 32): Promise<string> {
    await this.db
      .insertInto('identity.oidc_secret')
      .values({ name, value: randomBytes(bytes).toString('base64url') })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    return (await this.db.selectFrom('identity.oidc_secret').select('value').where('name', '=', name).executeTakeFirstOrThrow()).value;
  }
}
