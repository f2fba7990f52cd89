import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { Kysely } from 'kysely';
import { auditedTx, type Actor } from './audit.ts';
import { Problem } from './errors.ts';
import type { CoreTables } from './schema.ts';

/** Content-addressed storage. A directory today; an S3-compatible store implements the same. */
export interface BlobStore {
  /** Stores the bytes (idempotent) and returns their SHA-256. */
  put(data: Uint8Array): Promise<{ sha256: string; size: number }>;
  get(sha256: string): Promise<Buffer | null>;
  has(sha256: string): Promise<boolean>;
}

const SHA256 = /^[0-9a-f]{64}$/;

export class DirectoryBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  #file(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error('not a SHA-256 hex digest');
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(data: Uint8Array): Promise<{ sha256: string; size: number }> {
    const sha256 = createHash('sha256').update(data).digest('hex');
    const file = this.#file(sha256);
    if (!(await this.has(sha256))) {
      await mkdir(path.dirname(file), { recursive: true });
      // Write beside, then rename: a reader never sees a half-written blob.
      const tmp = `${file}.${randomUUID()}.tmp`;
      try {
        await writeFile(tmp, data, { flush: true });
        await rename(tmp, file);
      } finally {
        await rm(tmp, { force: true });
      }
    }
    return { sha256, size: data.byteLength };
  }

  async get(sha256: string): Promise<Buffer | null> {
    try {
      return await readFile(this.#file(sha256));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await stat(this.#file(sha256));
      return true;
    } catch {
      return false;
    }
  }
}

/** Media types accepted for upload, keyed by what their content proves them to be. */
export const UPLOAD_TYPES = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'application/ofd': 'OFD',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
} as const;
export type UploadType = keyof typeof UPLOAD_TYPES;

/** 415 for a file whose content is none of `allowed` (names such as PDF, PNG). */
export const unsupportedType = (allowed: readonly string[], field = 'file') =>
  new Problem(415, 'unsupported-type', { zh: `只接受 ${allowed.join(', ')} 文件`, en: `only ${allowed.join(', ')} files are accepted` }, [
    { field, rule: 'type', message: { zh: `文件内容不是 ${allowed.join(', ')} 之一（与文件名无关）`, en: `the content is not one of ${allowed.join(', ')}, whatever the file name says` } },
  ]);

/**
 * Decides a file's type by its bytes, never by its name. OFD (GB/T 33190) is a ZIP package whose
 * root holds OFD.xml; file-type reports it as a plain ZIP, so the entry names are checked here.
 */
export async function sniffType(data: Uint8Array): Promise<string | null> {
  const found = await fileTypeFromBuffer(data);
  if (!found) return null;
  if (found.mime === 'application/zip' && hasZipEntry(data, 'OFD.xml')) return 'application/ofd';
  return found.mime;
}

function hasZipEntry(data: Uint8Array, name: string): boolean {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  // Local file headers: signature PK\x03\x04, name length at +26, name at +30.
  for (let i = buf.indexOf('PK\x03\x04'); i >= 0 && i + 30 <= buf.length; i = buf.indexOf('PK\x03\x04', i + 4)) {
    const len = buf.readUInt16LE(i + 26);
    if (buf.toString('utf8', i + 30, i + 30 + len) === name) return true;
  }
  return false;
}

/**
 * Stores a staff upload whose content is one of UPLOAD_TYPES, with its audit entry (`file.upload`,
 * naming the uploader and the file name): what POST /api/files does, and what later steps check
 * (a window clerk hands in only scans they uploaded).
 */
export async function storeUpload(p: { db: Kysely<unknown>; blobs: BlobStore }, actor: Actor, data: Buffer, fileName: string) {
  const mediaType = await sniffType(data);
  if (!mediaType || !Object.hasOwn(UPLOAD_TYPES, mediaType)) throw unsupportedType(Object.values(UPLOAD_TYPES));
  const { sha256, size } = await p.blobs.put(data);
  await auditedTx(p.db, actor, async (tx) => {
    await (tx as unknown as Kysely<CoreTables>).insertInto('core.blob').values({ sha256, size, media_type: mediaType }).onConflict((oc) => oc.doNothing()).execute();
    return { result: undefined, change: { action: 'file.upload', targetType: 'blob', targetId: sha256, after: { sha256, size, mediaType }, detail: { fileName: fileName.slice(0, 200) } } };
  });
  return { sha256, size, mediaType, fileName };
}
