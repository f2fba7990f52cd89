import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, testInstance, type Session, type TestInstance } from '../../test/support/instance.ts';
import { DirectoryBlobStore, sniffType, UPLOAD_TYPES } from './blobs.ts';
import type { CoreTables } from './schema.ts';

// ---- Real, minimal files of each accepted kind, built byte by byte ----

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  return Buffer.concat([u32(data.length), body, u32(crc32(body))]);
}

/** A valid 1×1 grey PNG. */
function png(): Buffer {
  const ihdr = Buffer.concat([u32(1), u32(1), Buffer.from([8, 0, 0, 0, 0])]); // 8-bit greyscale
  const pixels = deflateSync(Buffer.from([0, 0x80])); // filter byte 0, one grey pixel
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', pixels),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A minimal one-page PDF with a correct cross-reference table. */
function pdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, k) => {
    offsets.push(Buffer.byteLength(out));
    out += `${k + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A minimal baseline JPEG header (SOI, JFIF APP0) and EOI. */
function jpeg(): Buffer {
  return Buffer.from([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
    0xff, 0xd9,
  ]);
}

/** A ZIP archive with stored (uncompressed) entries, local headers and a central directory. */
function zip(entries: [name: string, content: string][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const data = Buffer.from(content, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0, 6); // flags
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x5a21, 12); // date 2025-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBuf, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x5a21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    // extra, comment, disk, internal and external attributes stay 0
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const OFD_XML = '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>';
const ofd = () => zip([['OFD.xml', OFD_XML], ['Doc_0/Document.xml', '<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"/>']]);

function xlsx(): Buffer {
  return zip([
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    ],
    ['xl/workbook.xml', '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>'],
  ]);
}

const TEXT = Buffer.from('这不是 PDF，只是一段文字。\nJust some text pretending to be a PDF.\n', 'utf8');
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Every file under a directory, recursively (none if it does not exist). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

describe('DirectoryBlobStore', () => {
  let root: string;
  let store: DirectoryBlobStore;
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'blobs-test-'));
    store = new DirectoryBlobStore(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('stores bytes under their SHA-256, in two levels of directories', async () => {
    const data = Buffer.from('hello, blob store');
    const digest = sha256(data);
    expect(await store.put(data)).toEqual({ sha256: digest, size: data.length });
    const file = path.join(root, digest.slice(0, 2), digest.slice(2, 4), digest);
    expect(readFileSync(file)).toEqual(data);
    expect(await store.has(digest)).toBe(true);
  });

  it('is idempotent: putting the same bytes again keeps one file and leaves no temporary files', async () => {
    const data = png();
    const first = await store.put(data);
    const again = await Promise.all([store.put(Buffer.from(data)), store.put(new Uint8Array(data))]);
    expect(again).toEqual([first, first]);
    const files = filesUnder(root).filter((f) => f.includes(first.sha256));
    expect(files).toEqual([path.join(root, first.sha256.slice(0, 2), first.sha256.slice(2, 4), first.sha256)]);
    expect(filesUnder(root).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('gives back exactly the bytes stored', async () => {
    const data = Buffer.from(Array.from({ length: 5000 }, (_, k) => (k * 7) % 256));
    const { sha256: digest } = await store.put(data);
    const got = await store.get(digest);
    expect(got).not.toBeNull();
    expect(Buffer.compare(got!, data)).toBe(0);
    expect(sha256(got!)).toBe(digest);
  });

  it('stores different bytes apart, including the empty file', async () => {
    const a = await store.put(Buffer.from('a'));
    const b = await store.put(Buffer.from('b'));
    const empty = await store.put(new Uint8Array(0));
    expect(new Set([a.sha256, b.sha256, empty.sha256]).size).toBe(3);
    expect(empty).toEqual({ sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', size: 0 });
    expect((await store.get(empty.sha256))!.length).toBe(0);
  });

  it('answers null and false for a digest it does not hold', async () => {
    const missing = sha256(Buffer.from('never stored'));
    expect(await store.get(missing)).toBeNull();
    expect(await store.has(missing)).toBe(false);
  });

  it('rejects anything that is not a lower-case SHA-256 hex digest, such as a path', async () => {
    for (const bad of ['', 'abc', '../../etc/passwd', 'A'.repeat(64), `${'a'.repeat(63)}g`, `${'a'.repeat(64)}/x`, `../${'a'.repeat(61)}`]) {
      await expect(store.get(bad), bad).rejects.toThrow(/SHA-256/);
      expect(await store.has(bad), bad).toBe(false);
    }
  });
});

describe('sniffType', () => {
  it('recognizes a real PDF', async () => {
    expect(await sniffType(pdf())).toBe('application/pdf');
  });

  it('recognizes a real 1×1 PNG', async () => {
    expect(await sniffType(png())).toBe('image/png');
  });

  it('recognizes a JPEG', async () => {
    expect(await sniffType(jpeg())).toBe('image/jpeg');
  });

  it('recognizes an OFD: a ZIP package with OFD.xml at its root', async () => {
    expect(await sniffType(ofd())).toBe('application/ofd');
  });

  it('recognizes an OFD whose OFD.xml is not the first entry', async () => {
    expect(await sniffType(zip([['Doc_0/Document.xml', '<x/>'], ['OFD.xml', OFD_XML]]))).toBe('application/ofd');
  });

  it('recognizes an XLSX', async () => {
    expect(await sniffType(xlsx())).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('does not take a plain ZIP, or one with OFD.xml only in a folder, for an OFD', async () => {
    expect(await sniffType(zip([['readme.txt', 'hi']]))).toBe('application/zip');
    expect(await sniffType(zip([['sub/OFD.xml', OFD_XML]]))).toBe('application/zip');
  });

  it('finds no type in plain text, whatever its name would say, nor in empty or random-looking bytes', async () => {
    expect(await sniffType(TEXT)).toBeNull();
    expect(await sniffType(new Uint8Array(0))).toBeNull();
    expect(await sniffType(Buffer.from('PDF-1.4 but without the percent sign'))).toBeNull();
  });

  it('accepts for upload exactly the five kinds it recognizes here', async () => {
    const kinds = await Promise.all([pdf(), png(), jpeg(), ofd(), xlsx()].map(sniffType));
    expect(kinds.sort()).toEqual(Object.keys(UPLOAD_TYPES).sort());
  });
});

// ---- Uploads through the API ----

const BOUNDARY = '----platform-test-boundary-7MA4YWxkTrZu0gW';

function multipart(parts: { name: string; filename?: string; contentType?: string; data: Buffer | string }[]): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`;
    const head = `--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${p.contentType ? `Content-Type: ${p.contentType}\r\n` : ''}\r\n`;
    chunks.push(Buffer.from(head, 'utf8'), Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data, 'utf8'), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

const upload = (i: TestInstance, s: Session, filename: string, data: Buffer, contentType = 'application/pdf') =>
  call(i, s, 'POST', '/api/files', multipart([{ name: 'file', filename, contentType, data }]), {
    'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
    'accept-language': 'en',
  });

async function blobRows(i: TestInstance) {
  return (i.platform.db as Kysely<CoreTables>).selectFrom('core.blob').selectAll().execute();
}

describe('POST /api/files', () => {
  let i: TestInstance;
  let clerk: Session;
  beforeAll(async () => {
    i = await testInstance();
    clerk = await login(i, 'window_clerk.hubei');
  });
  afterAll(() => i.close());

  it('stores a PNG named photo.pdf as image/png, judged by its content', async () => {
    const data = png();
    const res = await upload(i, clerk, 'photo.pdf', data);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ sha256: sha256(data), size: data.length, mediaType: 'image/png', fileName: 'photo.pdf' });
    const rows = await blobRows(i);
    expect(rows.find((r) => r.sha256 === sha256(data))).toMatchObject({ media_type: 'image/png', size: data.length });
    expect(Buffer.compare((await i.platform.blobs.get(sha256(data)))!, data)).toBe(0);
    expect(filesUnder(path.join(i.dataDir, 'blobs'))).toEqual([path.join(i.dataDir, 'blobs', sha256(data).slice(0, 2), sha256(data).slice(2, 4), sha256(data))]);
    const entries = await (i.platform.db as Kysely<CoreTables>).selectFrom('core.audit_log').select(['action', 'target_id', 'actor_role']).where('target_id', '=', sha256(data)).execute();
    expect(entries).toEqual([{ action: 'file.upload', target_id: sha256(data), actor_role: 'window_clerk' }]);
  });

  it('stores the other accepted kinds with the type their content proves', async () => {
    for (const [name, data, type] of [
      ['scan.pdf', pdf(), 'application/pdf'],
      ['photo.jpg', jpeg(), 'image/jpeg'],
      ['licence.ofd', ofd(), 'application/ofd'],
      ['table.xlsx', xlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ] as const) {
      const res = await upload(i, clerk, name, data, 'application/octet-stream');
      expect(res.statusCode, name).toBe(201);
      expect(res.json(), name).toMatchObject({ mediaType: type, sha256: sha256(data) });
    }
  });

  it('rejects a text file named x.pdf with 415 problem+json naming the field file, and stores nothing', async () => {
    const before = await blobRows(i);
    const filesBefore = filesUnder(path.join(i.dataDir, 'blobs'));
    const res = await upload(i, clerk, 'x.pdf', TEXT);
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 415, errors: [{ field: 'file', rule: 'type' }] });
    expect(await blobRows(i)).toEqual(before);
    expect(filesUnder(path.join(i.dataDir, 'blobs'))).toEqual(filesBefore);
    expect(await i.platform.blobs.has(sha256(TEXT))).toBe(false);
  });

  it('rejects a plain ZIP with 415', async () => {
    const res = await upload(i, clerk, 'archive.ofd', zip([['readme.txt', 'hi']]));
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ errors: [{ field: 'file' }] });
  });

  it('asks for the file when the form has none', async () => {
    const res = await call(i, clerk, 'POST', '/api/files', multipart([{ name: 'note', data: 'no file here' }]), {
      'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errors: [{ field: 'file', rule: 'required' }] });
  });

  it('needs a logged-in caller with the CSRF token', async () => {
    const body = multipart([{ name: 'file', filename: 'photo.png', data: png() }]);
    const headers = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };
    expect((await call(i, null, 'POST', '/api/files', body, headers)).statusCode).toBe(401);
    expect((await call(i, { ...clerk, csrf: 'wrong' }, 'POST', '/api/files', body, headers)).statusCode).toBe(403);
  });
});

describe('POST /api/files with UPLOAD_MAX_BYTES=2048', () => {
  let i: TestInstance;
  let clerk: Session;
  beforeAll(async () => {
    i = await testInstance({ UPLOAD_MAX_BYTES: '2048' });
    clerk = await login(i, 'window_clerk.hubei');
  });
  afterAll(() => i.close());

  it('rejects a larger file with 413 naming the field file, and stores nothing', async () => {
    // A real PNG header followed by padding: acceptable by type, too large by size.
    const big = Buffer.concat([png(), Buffer.alloc(4096, 0x20)]);
    const before = await blobRows(i);
    const res = await upload(i, clerk, 'big.png', big);
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 413, errors: [{ field: 'file', rule: 'maxSize' }] });
    expect(await blobRows(i)).toEqual(before);
    expect(filesUnder(path.join(i.dataDir, 'blobs'))).toEqual([]);
    expect(await i.platform.blobs.has(sha256(big))).toBe(false);
  });

  it('still accepts a file within the limit', async () => {
    const res = await upload(i, clerk, 'small.png', png());
    expect(res.statusCode).toBe(201);
    expect(filesUnder(path.join(i.dataDir, 'blobs'))).toHaveLength(1);
  });
});
