import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption of personal numbers at rest (AES-256-GCM) with a keyed hash (HMAC-SHA-256) for
 * look-up, both derived from one master key (DATA_KEY) with HKDF, so that equal numbers can be
 * found without being readable.
 */
export class FieldCipher {
  readonly #enc: Buffer;
  readonly #mac: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('DATA_KEY must be 32 bytes');
    this.#enc = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'platform field encryption v1', 32));
    this.#mac = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'platform field lookup v1', 32));
  }

  /** `v1.` + base64url(iv ‖ tag ‖ ciphertext). */
  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#enc, iv);
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url')}`;
  }

  decrypt(sealed: string): string {
    if (!sealed.startsWith('v1.')) throw new Error('unknown field encryption version');
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.#enc, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  lookupHash(value: string): string {
    return createHmac('sha256', this.#mac).update(value).digest('hex');
  }
}
