/**
 * What the OpenID Connect provider keeps, all in the platform's database (embedded or server):
 * every artefact oidc-provider stores (sessions, grants, codes, tokens, interactions …) in one
 * table keyed by model name and id; the registered clients with hashed secrets; the signing keys
 * (private JWKs, stored as plain JSON: see keys.ts); and a few generated secrets (cookie keys, the
 * pairwise-subject salt).
 */
import { sql, type Generated, type Kysely } from 'kysely';
import type { Migration } from '../../../core/migrate.ts';

export interface OidcPayloadTable {
  /** The oidc-provider model: Session, Grant, AccessToken, RefreshToken, AuthorizationCode, Interaction … */
  kind: string;
  id: string;
  payload: unknown;
  grant_id: string | null;
  user_code: string | null;
  uid: string | null;
  expires_at: Date | null;
  consumed_at: Date | null;
}

export interface OidcClientTable {
  id: string;
  name: string;
  grant_type: 'authorization_code' | 'client_credentials';
  /** sha256 of the secret, hex: the secret itself is shown once at registration and never stored. */
  secret_hash: string;
  redirect_uris: unknown;
  post_logout_redirect_uris: unknown;
  backchannel_logout_uri: string | null;
  scopes: unknown;
  region_code: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface OidcKeyTable {
  kid: string;
  /** The private JWK (RSA, RS256), plain JSON: the database is the key store. */
  jwk: unknown;
  created_at: Generated<Date>;
  /** Set when a newer key took over signing; published in the JWKS until its tokens have expired. */
  retired_at: Date | null;
}

export interface OidcSecretTable {
  name: string;
  value: string;
  created_at: Generated<Date>;
}

export interface OidcTables {
  'identity.oidc_payload': OidcPayloadTable;
  'identity.oidc_client': OidcClientTable;
  'identity.oidc_key': OidcKeyTable;
  'identity.oidc_secret': OidcSecretTable;
}

export const oidcMigrations: Record<string, Migration> = {
  '0030_oidc_provider': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table identity.oidc_payload (
          kind text not null,
          id text not null,
          payload jsonb not null,
          grant_id text,
          user_code text,
          uid text,
          expires_at timestamptz,
          consumed_at timestamptz,
          primary key (kind, id)
        );
        create index oidc_payload_uid on identity.oidc_payload (uid) where uid is not null;
        create index oidc_payload_user_code on identity.oidc_payload (user_code) where user_code is not null;
        create index oidc_payload_grant on identity.oidc_payload (grant_id) where grant_id is not null;
        create index oidc_payload_expires on identity.oidc_payload (expires_at) where expires_at is not null;

        create table identity.oidc_client (
          id text primary key,
          name text not null,
          grant_type text not null check (grant_type in ('authorization_code', 'client_credentials')),
          secret_hash text not null,
          redirect_uris jsonb not null default '[]',
          post_logout_redirect_uris jsonb not null default '[]',
          backchannel_logout_uri text,
          scopes jsonb not null default '[]',
          region_code char(6) not null references org.region(code),
          created_by text,
          created_at timestamptz not null default now()
        );
        create index oidc_client_region on identity.oidc_client (region_code);

        create table identity.oidc_key (
          kid text primary key,
          jwk jsonb not null,
          created_at timestamptz not null default now(),
          retired_at timestamptz
        );
        -- At most one key signs at a time: two rotations racing cannot both win.
        create unique index oidc_key_one_active on identity.oidc_key ((true)) where retired_at is null;

        create table identity.oidc_secret (
          name text primary key,
          value text not null,
          created_at timestamptz not null default now()
        );
      `.execute(db);
    },
  },
};
