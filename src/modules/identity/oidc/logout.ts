/**
 * Logging out of the platform itself (its web menus: POST /api/auth/logout) ends the browser's
 * single sign-on session as "sign out everywhere" at the provider's end_session does: the provider
 * session goes, the grants that end with it go with their codes and tokens (oidc-provider keeps
 * those given with offline_access, which outlive a logout), and every client the session signed
 * in to that is registered with a back-channel logout URI gets a logout token.
 *
 * The provider's session cookie is sent to the whole site (provider.ts), so the platform's logout
 * request carries it: the session found is this browser's, and it is ended only when it belongs
 * to the account logging out.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import type { Provider } from 'oidc-provider';
import type { Principal } from '../../../core/permissions.ts';
import { accountIdFor } from './accounts.ts';
import type { PayloadStore } from './adapter.ts';
import { subjectOf } from './model.ts';

export interface SsoSignOut {
  /** The clients the session had signed in to. */
  clientIds: string[];
  /** The provider's cookies to clear in the answer. */
  cookies: string[];
  /** Inside the logout's transaction: removes the provider session and the grants that end with it. */
  end(tx: Kysely<unknown>): Promise<void>;
  /** After the commit: a logout token to each of those clients registered for back-channel logout. */
  notify(): Promise<void>;
}

export async function ssoSignOut(provider: Provider, store: PayloadStore, req: IncomingMessage, res: ServerResponse, principal: Principal): Promise<SsoSignOut | null> {
  const session = await provider.Session.get(provider.createContext(req, res));
  const accountId = session.accountId;
  const platformAccount = accountIdFor(principal);
  if (!accountId || !platformAccount || subjectOf(accountId) !== subjectOf(platformAccount)) return null;
  const authorizations = Object.entries(session.authorizations ?? {});
  const grantIds = authorizations.flatMap(([, a]) => (a.grantId && !a.persistsLogout ? [a.grantId] : []));
  const name = provider.cookieName('session');
  return {
    clientIds: authorizations.map(([clientId]) => clientId),
    cookies: [name, `${name}.sig`],
    end: (tx) => store.endSession(tx, session.jti, grantIds),
    async notify() {
      await Promise.all(
        authorizations.map(async ([clientId, { sid }]) => {
          const client = await provider.Client.find(clientId);
          if (!client?.backchannelLogoutUri) return;
          // The provider's own events, so that failures are logged as those of end_session are.
          await client.backchannelLogout(accountId, sid).then(
            () => provider.emit('backchannel.success', undefined, client, accountId, sid),
            (err: unknown) => provider.emit('backchannel.error', undefined, err, client, accountId, sid),
          );
        }),
      );
    },
  };
}
