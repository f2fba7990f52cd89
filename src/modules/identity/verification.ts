import { createHash } from 'node:crypto';
import { GatewayError } from '../../core/notify.ts';
import { parseIdNumber } from './codes.ts';

/**
 * The public-security identity check: does this name belong to this ID number? Production talks
 * to the service over the HTTP contract in docs/adapters.md; development answers by a fixed,
 * documented rule and says so in every answer.
 */
export interface IdentityVerifier {
  readonly kind: 'http' | 'development';
  verify(name: string, idNumber: string): Promise<{ match: boolean; reference: string }>;
}

export class HttpIdentityVerifier implements IdentityVerifier {
  readonly kind = 'http' as const;

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly timeoutMs = 5000,
  ) {}

  async verify(name: string, idNumber: string) {
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify({ name, idNumber }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw new GatewayError('identity verification', null, (e as Error).message);
    }
    const body = (await res.json().catch(() => null)) as { match?: unknown; reference?: unknown } | null;
    if (res.status !== 200 || typeof body?.match !== 'boolean' || typeof body.reference !== 'string') {
      throw new GatewayError('identity verification', res.status, 'expected 200 with { match, reference }');
    }
    return { match: body.match, reference: body.reference };
  }
}

/**
 * Development only. Rule: a match when the ID number is valid and the name is 2–20 Chinese
 * characters (with ·), unless the name contains 不符 (to try the mismatch path). The reference
 * starts with DEV- so that no development check passes for a real one.
 */
export class DevelopmentIdentityVerifier implements IdentityVerifier {
  readonly kind = 'development' as const;

  async verify(name: string, idNumber: string) {
    const match = parseIdNumber(idNumber).ok && /^[\u4e00-\u9fa5·]{2,20}$/.test(name) && !name.includes('不符');
    return { match, reference: `DEV-${createHash('sha256').update(`${name}|${idNumber}`).digest('hex').slice(0, 16)}` };
  }
}
