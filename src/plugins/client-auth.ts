import { createHash, timingSafeEqual } from 'node:crypto';
import { createInlineSigningKeyProvider, createRemoteJwksSigningKeyProvider, extractFromHeader, useJWT } from '@graphql-yoga/plugin-jwt';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { ClientAuth } from '../config.js';

const API_KEY_HEADER = 'x-api-key';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

interface KnownKey {
  digest: Buffer;
  /** Who presents it: the same object for every request with this key. */
  caller: Caller;
}

/** The configured keys, write keys first (a key in both lists may write). */
function knownKeys(auth: ClientAuth): KnownKey[] {
  const known = (key: string, mayWrite: boolean): KnownKey => {
    const keyDigest = digest(key);
    return { digest: keyDigest, caller: { id: `key:${keyDigest.toString('hex').slice(0, 12)}`, mayWrite } };
  };
  return [...auth.writeApiKeys.map((key) => known(key, true)), ...auth.apiKeys.map((key) => known(key, false))];
}

/** The key `candidate` is, compared in constant time against every one (digests make the lengths equal). */
function findKey(candidate: string, keys: readonly KnownKey[]): KnownKey | null {
  const candidateDigest = digest(candidate);
  let found: KnownKey | null = null;
  for (const key of keys) if (timingSafeEqual(candidateDigest, key.digest)) found ??= key;
  return found;
}

function unauthenticated(): Error {
  return createGraphQLError('Missing or invalid client credentials (an x-api-key header or a Bearer token).', {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } } },
  });
}

/** Who sent a request, as far as the gateway can tell, and whether it may change jobs. */
export interface Caller {
  /** `key:<digest prefix>` for an API key (never the key), `jwt:<subject>` for a token; null when anonymous. */
  id: string | null;
  /** Presented a write key, or a token carrying the write scope. */
  mayWrite: boolean;
}

const ANONYMOUS: Caller = { id: null, mayWrite: false };
const callers = new WeakMap<Request, Caller>();

/** The caller of a request (anonymous until its credentials were read). */
export function callerOf(request: Request): Caller {
  return callers.get(request) ?? ANONYMOUS;
}

/**
 * Gives a request the caller of the connection it came over (a WebSocket operation): its
 * context is built before its own credentials are read, which are still checked then.
 */
export function assumeCaller(request: Request, caller: Caller): void {
  callers.set(request, caller);
}

/** Scopes of a JWT payload: `scope` as a space-separated string (RFC 8693) or a list, or `scp`. */
function scopesOf(payload: unknown): string[] {
  if (typeof payload !== 'object' || payload === null) return [];
  const { scope, scp } = payload as { scope?: unknown; scp?: unknown };
  const claim = scope ?? scp;
  if (typeof claim === 'string') return claim.split(/\s+/).filter(Boolean);
  return Array.isArray(claim) ? claim.filter((item): item is string => typeof item === 'string') : [];
}

function subjectOf(payload: unknown): string {
  const sub = typeof payload === 'object' && payload !== null ? (payload as { sub?: unknown }).sub : undefined;
  return typeof sub === 'string' && sub !== '' ? sub : 'unknown';
}

/**
 * Client authentication for the gateway itself: a static API key (`x-api-key`) or a JWT
 * (`Authorization: Bearer`, HS256 secret or JWKS), either one enough. Checked when the GraphQL
 * request is parsed (a WebSocket operation: when its context is built), before any execution,
 * so a refused request makes no upstream call.
 * Without keys or JWT configured, reading is open to anyone; the caller is still identified,
 * since changing jobs always takes a write key or the write scope.
 */
export function useClientAuth(auth: ClientAuth): Plugin[] {
  const readAuth = auth.apiKeys.length > 0 || auth.jwt !== null;
  if (!readAuth && auth.writeApiKeys.length === 0) return [];
  const keys = knownKeys(auth);
  const plugins: Plugin[] = [];
  const jwt = auth.jwt;
  if (jwt) {
    const providers = [
      ...(jwt.secret ? [createInlineSigningKeyProvider(jwt.secret)] : []),
      ...(jwt.jwksUrl ? [createRemoteJwksSigningKeyProvider({ jwksUri: jwt.jwksUrl, cache: true, rateLimit: true })] : []),
    ];
    const [first, ...rest] = providers;
    if (first) {
      plugins.push(
        useJWT({
          signingKeyProviders: [first, ...rest],
          tokenLookupLocations: [extractFromHeader({ name: 'authorization', prefix: 'Bearer' })],
          tokenVerification: {
            // Each configured key source brings its own algorithms: with both, either kind of token is accepted.
            algorithms: [...(jwt.secret ? (['HS256'] as const) : []), ...(jwt.jwksUrl ? (['RS256', 'ES256', 'PS256'] as const) : [])],
            ...(jwt.issuer !== null && { issuer: jwt.issuer }),
            ...(jwt.audience !== null && { audience: jwt.audience }),
          },
          // The decision is ours, below: either credential is enough.
          reject: { missingToken: false, invalidToken: false },
        }),
      );
    }
  }
  // Decided once per request: when parsed (HTTP), or when its context is built (a WebSocket
  // operation, which yoga never parses as an HTTP request).
  const decided = new WeakSet<Request>();
  const decide = (request: Request, token: { payload?: unknown } | undefined): void => {
    decided.add(request);
    const apiKey = request.headers.get(API_KEY_HEADER);
    if (apiKey !== null) {
      const key = findKey(apiKey, keys);
      if (key) callers.set(request, key.caller);
      else if (readAuth) throw unauthenticated();
      return;
    }
    if (jwt && token !== undefined) {
      callers.set(request, { id: `jwt:${subjectOf(token.payload)}`, mayWrite: scopesOf(token.payload).includes(auth.writeScope) });
      return;
    }
    if (readAuth) throw unauthenticated();
  };
  type WithToken = { jwt?: { payload?: unknown }; request?: Request };
  plugins.push({
    onRequestParse: ({ request, serverContext }) => decide(request, (serverContext as WithToken).jwt),
    onContextBuilding: ({ context }) => {
      const { request, jwt: token } = context as WithToken;
      if (request && !decided.has(request)) decide(request, token);
    },
  });
  return plugins;
}
