import { createHash, timingSafeEqual } from 'node:crypto';
import { createInlineSigningKeyProvider, createRemoteJwksSigningKeyProvider, extractFromHeader, useJWT } from '@graphql-yoga/plugin-jwt';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { ClientAuth } from '../config.js';

const API_KEY_HEADER = 'x-api-key';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Constant-time comparison against every key (digests make the lengths equal). */
function isKnownKey(candidate: string, keyDigests: Buffer[]): boolean {
  const candidateDigest = digest(candidate);
  let known = false;
  for (const keyDigest of keyDigests) known = timingSafeEqual(candidateDigest, keyDigest) || known;
  return known;
}

function unauthenticated(): Error {
  return createGraphQLError('Missing or invalid client credentials (an x-api-key header or a Bearer token).', {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } } },
  });
}

/**
 * Client authentication for the gateway itself: a static API key (`x-api-key`) or a JWT
 * (`Authorization: Bearer`, HS256 secret or JWKS), either one enough. Checked when the GraphQL
 * request is parsed, before any execution, so a refused request makes no upstream call.
 * Without keys or JWT configured, it is off.
 */
export function useClientAuth(auth: ClientAuth): Plugin[] {
  if (auth.apiKeys.length === 0 && auth.jwt === null) return [];
  const keyDigests = auth.apiKeys.map(digest);
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
  plugins.push({
    onRequestParse: ({ request, serverContext }) => {
      const apiKey = request.headers.get(API_KEY_HEADER);
      if (apiKey !== null && isKnownKey(apiKey, keyDigests)) return;
      if (apiKey === null && jwt && (serverContext as { jwt?: unknown }).jwt !== undefined) return;
      throw unauthenticated();
    },
  });
  return plugins;
}
