import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// An independent implementation of Alibaba Cloud's ACS3-HMAC-SHA256 request signature,
// written from the published description, so that a client set up wrongly fails here
// exactly as it would against the cloud.

export const ALGORITHM = 'ACS3-HMAC-SHA256';
export const EMPTY_BODY_SHA256 = sha256Hex('');

export interface SignableRequest {
  method: string;
  /** The path exactly as received on the wire, before any decoding. */
  rawPath: string;
  /** The query string as received (without `?`), possibly empty. */
  rawQuery: string;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  signedHeaders: string[];
  bodySha256: string;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** RFC 3986 percent-encoding of one component: only unreserved characters stay. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeComponent(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, '%20'));
  } catch {
    return value;
  }
}

export function canonicalUri(rawPath: string): string {
  if (rawPath === '') return '/';
  return rawPath
    .split('/')
    .map((segment) => percentEncode(decodeComponent(segment)))
    .join('/');
}

export function canonicalQuery(rawQuery: string): string {
  if (rawQuery === '') return '';
  return rawQuery
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      const value = eq < 0 ? '' : pair.slice(eq + 1);
      return [percentEncode(decodeComponent(name)), percentEncode(decodeComponent(value))] as const;
    })
    .sort(([an, av], [bn, bv]) => (an === bn ? compare(av, bv) : compare(an, bn)))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function canonicalRequest(request: SignableRequest): string {
  const names = [...request.signedHeaders].map((name) => name.toLowerCase()).sort();
  const headers = names.map((name) => `${name}:${(request.headers[name] ?? '').trim()}\n`).join('');
  return [
    request.method.toUpperCase(),
    canonicalUri(request.rawPath),
    canonicalQuery(request.rawQuery),
    headers,
    names.join(';'),
    request.bodySha256,
  ].join('\n');
}

export function stringToSign(request: SignableRequest): string {
  return `${ALGORITHM}\n${sha256Hex(canonicalRequest(request))}`;
}

export function sign(request: SignableRequest, accessKeySecret: string): string {
  return createHmac('sha256', accessKeySecret).update(stringToSign(request)).digest('hex');
}

export interface ParsedAuthorization {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

/** Parses `ACS3-HMAC-SHA256 Credential=..,SignedHeaders=..,Signature=..`; null when malformed. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | null {
  if (!header?.startsWith(`${ALGORITHM} `)) return null;
  const fields = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKeyId || !signedHeaders || !signature) return null;
  return { accessKeyId, signedHeaders: signedHeaders.split(';'), signature };
}

export function signaturesEqual(expected: string, received: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(received);
  return a.length === b.length && timingSafeEqual(a, b);
}
