/**
 * Uploads to the stub, as Plesk takes them: a multipart/form-data POST to the agent (no XML
 * body), its credentials checked like a packet's, answered by a packet `<upload><result>` with the
 * file's `name` and a server-side temporary path (`/usr/local/psa/tmp/li_…`) that import-file is
 * then given; the file is kept in `stub.uploads`. A file over `maxUploadBytes` is answered error
 * 1023 (what Plesk answers over the panel's PHP upload_max_filesize), with PHP's own message.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { StubCredentials, StubUpload } from './stub-types.js';

/** The packet answering an upload, or the `<system>` error refusing it. */
export type UploadReply = { upload: { status: 'ok' | 'error'; errcode?: number; errtext?: string; name: string; file: string } } | { system: { code: number; text: string } };

/** Framing a multipart body adds around its file (boundaries, part headers), allowed beyond the file limit before the body is judged too large to parse. */
const FRAMING = 64 * 1024;

export function isMultipart(req: IncomingMessage): boolean {
  return /^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '');
}

/**
 * Reads an upload and decides its answer: `refuse` (the credentials' system error, if any) is
 * asked first; an accepted file is added to `uploads`.
 */
export async function receiveUpload(req: IncomingMessage, limit: number, credentials: StubCredentials, refuse: (credentials: StubCredentials) => { code: number; text: string } | undefined, uploads: StubUpload[]): Promise<{ reply: UploadReply; description: string }> {
  const body = await readLimited(req, limit + FRAMING);
  const refused = refuse(credentials);
  if (refused) return { reply: { system: refused }, description: '(a multipart upload)' };
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(req.headers['content-type'] ?? '');
  const part = body.content && boundary ? filePart(body.content, boundary[1] ?? boundary[2]!) : undefined;
  const name = part?.name ?? '';
  const description = `(a multipart upload of ${name || 'no file'}, ${part?.content.length ?? body.size} bytes)`;
  if (body.content === undefined || (part !== undefined && part.content.length > limit)) {
    return { reply: { upload: { status: 'error', errcode: 1023, errtext: 'The uploaded file exceeds the upload_max_filesize directive in php.ini.', name, file: '' } }, description };
  }
  if (!part) return { reply: { upload: { status: 'error', errcode: 1023, errtext: 'No file was uploaded.', name: '', file: '' } }, description };
  const file = `/usr/local/psa/tmp/li_${randomBytes(4).toString('hex')}`;
  uploads.push({ name: part.name, file, content: part.content, credentials });
  return { reply: { upload: { status: 'ok', name: part.name, file } }, description };
}

/** The body, or no content (only its size) when it is over `limit` bytes: the rest is read and dropped. */
export function readLimited(req: IncomingMessage, limit: number): Promise<{ content: Buffer | undefined; size: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve({ content: size > limit ? undefined : Buffer.concat(chunks), size }));
    req.on('error', reject);
  });
}

/** The first part of a multipart body that carries a file: its file name and bytes. */
function filePart(body: Buffer, boundary: string): { name: string; content: Buffer } | undefined {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString('latin1') === '--') return undefined;
    const headersEnd = body.indexOf('\r\n\r\n', start, 'latin1');
    if (headersEnd < 0) return undefined;
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`, 'latin1'), headersEnd + 4);
    if (next < 0) return undefined;
    const headers = body.subarray(start, headersEnd).toString('utf8');
    const name = /filename="((?:[^"\\]|\\.)*)"/i.exec(headers);
    if (name) return { name: name[1]!.replace(/\\(.)/g, '$1'), content: body.subarray(headersEnd + 4, next) };
    at = next + 2;
  }
  return undefined;
}
