import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import type { Plugin } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayContext } from '../../src/context.js';
import type { RequestLoaders } from '../../src/loaders/request-loaders.js';
import { type Harness, postGraphQL, startHarness } from '../support/harness.js';

const QUERY = '{ mmsPartition(sourceId: "200018", partitionId: "2323") { tableName } }';
const API_KEY = 'k-0123456789abcdef-client-one';
const JWT_SECRET = 'jwt-secret-for-tests-0123456789abcdef';

/** An HS256 JWT, built by hand so that the test does not trust the library it checks. */
function jwt(payload: Record<string, unknown>, secret = JWT_SECRET): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe('client authentication', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ env: { GATEWAY_API_KEYS: `${API_KEY},k-another-key-0000000000`, JWT_SECRET, JWT_ISSUER: 'tests' } });
  });
  afterAll(() => harness.close());

  const now = () => Math.floor(Date.now() / 1000);
  it.each([
    ['no credentials', {}],
    ['a wrong API key', { 'x-api-key': 'k-0123456789abcdef-client-two' }],
    [
      'a token signed with another secret',
      { authorization: `Bearer ${jwt({ iss: 'tests', exp: now() + 60 }, 'another-secret-0123456789abcdefgh')}` },
    ],
    ['an expired token', { authorization: `Bearer ${jwt({ iss: 'tests', exp: now() - 60 })}` }],
    ['a token from another issuer', { authorization: `Bearer ${jwt({ iss: 'elsewhere', exp: now() + 60 })}` }],
    ['a malformed token', { authorization: 'Bearer not.a.jwt' }],
  ])('refuses %s with 401 and no upstream call', async (_, headers: Record<string, string>) => {
    harness.emulator.reset();
    const answer = await postGraphQL(`${harness.url}/graphql`, QUERY, undefined, headers);
    expect(answer.status).toBe(401);
    expect(answer.data ?? null).toBeNull();
    expect(harness.emulator.stats().total).toBe(0);
    // Neither the configured keys nor what the client sent come back in the refusal.
    for (const sent of [API_KEY, JWT_SECRET, ...Object.values(headers).map((value) => value.replace(/^Bearer /, ''))])
      expect(answer.text).not.toContain(sent);
  });

  it.each([
    ['a listed API key', { 'x-api-key': API_KEY }],
    ['a valid token', { authorization: `Bearer ${jwt({ iss: 'tests', sub: 'dashboard', exp: now() + 60 })}` }],
  ])('serves %s', async (_, headers: Record<string, string>) => {
    const answer = await postGraphQL(`${harness.url}/graphql`, QUERY, undefined, headers);
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual({ mmsPartition: { tableName: 't1' } });
  });

  it('keeps /health open', async () => {
    expect((await fetch(`${harness.url}/health`)).status).toBe(200);
  });
});

describe('browser-facing switches', () => {
  it('answers CORS only for listed origins', async () => {
    const harness = await startHarness({ env: { CORS_ORIGINS: 'http://app.localhost:5173' } });
    try {
      const preflight = (origin: string) =>
        fetch(`${harness.url}/graphql`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
        });
      expect((await preflight('http://app.localhost:5173')).headers.get('access-control-allow-origin')).toBe('http://app.localhost:5173');
      expect((await preflight('http://evil.localhost')).headers.get('access-control-allow-origin')).not.toBe('http://evil.localhost');
    } finally {
      await harness.close();
    }
  });

  it('turns introspection off with GRAPHQL_INTROSPECTION=false, keeping queries and _service', async () => {
    const harness = await startHarness({ env: { GRAPHQL_INTROSPECTION: 'false' } });
    try {
      const introspection = await harness.query('{ __schema { queryType { name } } }');
      expect(introspection.errors?.length).toBeGreaterThan(0);
      expect((await harness.query(QUERY)).data).toEqual({ mmsPartition: { tableName: 't1' } });
      expect((await harness.query('{ _service { sdl } }')).errors).toBeUndefined();
    } finally {
      await harness.close();
    }
  });

  it('masks unexpected errors as "Unexpected error." with the request id; details only in the log', async () => {
    const harness = await startHarness({
      plugins: [
        {
          onExecute: () => {
            throw new Error('internal detail: do not show');
          },
        },
      ],
    });
    try {
      const response = await fetch(`${harness.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'req-masking-1' },
        body: JSON.stringify({ query: QUERY }),
      });
      const text = await response.text();
      expect(response.headers.get('x-request-id')).toBe('req-masking-1');
      expect(text).not.toContain('internal detail');
      const body = JSON.parse(text) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(body.errors.map((e) => [e.message, e.extensions.code, e.extensions.requestId])).toEqual([
        ['Unexpected error.', 'INTERNAL_SERVER_ERROR', 'req-masking-1'],
      ]);
      expect(harness.logs.join('\n')).toContain('internal detail');
    } finally {
      await harness.close();
    }
  });

  it('masks an unexpected failure of a partition load the same way, and logs its cause', async () => {
    const failingLoads: Plugin<GatewayContext> = {
      onContextBuilding: ({ extendContext }) =>
        extendContext({
          loaders: { load: () => Promise.reject(new Error('loader detail: do not show')) } as unknown as RequestLoaders,
        }),
    };
    const harness = await startHarness({ plugins: [failingLoads as Plugin] });
    try {
      const answer = await harness.query(QUERY);
      expect(answer.text).not.toContain('loader detail');
      expect(answer.data).toEqual({ mmsPartition: null });
      expect(answer.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([['Unexpected error.', 'INTERNAL_SERVER_ERROR']]);
      expect(harness.logs.join('\n')).toContain('loader detail: do not show');
    } finally {
      await harness.close();
    }
  });
});

describe('fuzzed IDs', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ env: { MMS_RETRY_MAX: '0' } });
  });
  afterAll(() => harness.close());

  const anyId = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.integer(),
    fc.double(),
    fc.bigInt().map(String),
    fc.nat().map((n) => `${'0'.repeat(n % 5)}${n}`),
  );

  it('gives data, NOT_FOUND or BAD_USER_INPUT for any ID, and only digit paths reach the upstream', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyId,
        anyId,
        fc.array(fc.record({ sourceId: anyId, partitionId: anyId }), { maxLength: 3 }),
        async (sourceId, partitionId, keys) => {
          const answer = await harness.query(
            'query ($s: ID!, $p: ID!, $k: [MmsPartitionKey!]!) { one: mmsPartition(sourceId: $s, partitionId: $p) { id } many: mmsPartitions(keys: $k) { id } }',
            { s: sourceId, p: partitionId, k: keys },
          );
          expect(answer.status).toBeLessThan(500);
          for (const error of answer.errors ?? []) expect(['BAD_USER_INPUT', 'NOT_FOUND']).toContain(error.extensions?.code);
        },
      ),
      { numRuns: 150 },
    );
    expect(harness.emulator.stats().unexpectedPaths).toEqual([]);
  });
});
