import { createHash } from 'node:crypto';
import { GatewayError } from '../../core/notify.ts';

/**
 * The market-registration system: is this credit code a registered, active enterprise, under
 * which name, with which legal representative? Production speaks the HTTP contract in
 * docs/adapters.md; development has no register to ask and says so.
 */
export interface RegistryAnswer {
  found: boolean;
  status: 'active' | 'cancelled' | 'revoked' | null;
  /** The registered name; null when the registry cannot say (development). */
  name: string | null;
  /** The legal representative's ID number; null when the registry cannot say (development). */
  legalRepIdNumber: string | null;
  reference: string;
}

export interface MarketRegistry {
  readonly kind: 'http' | 'development';
  lookup(creditCode: string): Promise<RegistryAnswer>;
}

export class HttpMarketRegistry implements MarketRegistry {
  readonly kind = 'http' as const;

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly timeoutMs = 5000,
  ) {}

  async lookup(creditCode: string): Promise<RegistryAnswer> {
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify({ creditCode }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw new GatewayError('market registry', null, (e as Error).message);
    }
    const b = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    if (res.status !== 200 || typeof b?.found !== 'boolean' || typeof b.reference !== 'string') {
      throw new GatewayError('market registry', res.status, 'expected 200 with { found, reference, … }');
    }
    if (!b.found) return { found: false, status: null, name: null, legalRepIdNumber: null, reference: b.reference };
    if (!['active', 'cancelled', 'revoked'].includes(String(b.status)) || typeof b.name !== 'string' || typeof b.legalRepIdNumber !== 'string') {
      throw new GatewayError('market registry', res.status, 'a found enterprise needs status, name and legalRepIdNumber');
    }
    return { found: true, status: b.status as RegistryAnswer['status'], name: b.name, legalRepIdNumber: b.legalRepIdNumber, reference: b.reference };
  }
}

/**
 * Development only: every well-formed code is an active enterprise whose name and legal
 * representative the registry cannot confirm (null), so the registrant's word stands; references
 * start with DEV-.
 */
export class DevelopmentMarketRegistry implements MarketRegistry {
  readonly kind = 'development' as const;

  async lookup(creditCode: string): Promise<RegistryAnswer> {
    return { found: true, status: 'active', name: null, legalRepIdNumber: null, reference: `DEV-${createHash('sha256').update(creditCode).digest('hex').slice(0, 16)}` };
  }
}
