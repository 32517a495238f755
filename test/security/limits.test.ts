import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALL_PARTITION_FIELDS, type Harness, startHarness } from '../support/harness.js';

const aliases = (n: number, distinct = n) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: mmsPartition(sourceId: "1", partitionId: "${(i % distinct) + 1}") { id }`).join(' ')} }`;

describe('query limits (graphql-armor), each refused before any upstream call', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ env: { MMS_RETRY_MAX: '0' } });
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.emulator.reset());

  it('accepts what the gateway must serve: 100 aliases, a 100-key list with every field', async () => {
    const fields = ALL_PARTITION_FIELDS;
    const wide = `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: mmsPartition(sourceId: "200019", partitionId: "${3001 + (i % 4)}") { ${fields} }`).join(' ')} }`;
    const answer = await harness.query(wide);
    expect(answer.errors).toBeUndefined();
    const keys = Array.from({ length: 100 }, (_, i) => `{ sourceId: "200019", partitionId: "${3001 + (i % 4)}" }`).join(', ');
    const list = await harness.query(`{ mmsPartitions(keys: [${keys}]) { ${fields} } }`);
    expect(list.errors).toBeUndefined();
  });

  it.each([
    ['aliases', aliases(129, 3), 'aliases'],
    ['tokens', `{ mmsPartition(sourceId: "1", partitionId: "1") { ${'id '.repeat(10_001)} } }`, 'token'],
    ['directives', `{ mmsPartition(sourceId: "1", partitionId: "1") { id ${'@skip(if: false) '.repeat(33)} } }`, 'directives'],
  ])('refuses too many %s', async (_, query, word) => {
    const answer = await harness.query(query);
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors?.[0]?.message.toLowerCase()).toContain(word);
    expect(answer.errors?.[0]?.extensions?.code).toBe('QUERY_LIMIT_EXCEEDED');
    expect(harness.emulator.stats().total).toBe(0);
  });

  it('refuses a document nested deeper than GRAPHQL_MAX_DEPTH', async () => {
    const deep = await startHarness({ env: { GRAPHQL_MAX_DEPTH: '2' } });
    try {
      const answer = await deep.query('{ mmsPartition(sourceId: "1", partitionId: "1") { source { id } } }');
      expect(answer.errors?.[0]?.message).toMatch(/depth/i);
      expect(answer.errors?.[0]?.extensions?.code).toBe('QUERY_LIMIT_EXCEEDED');
      expect(deep.emulator.stats().total).toBe(0);
    } finally {
      await deep.close();
    }
  });

  it('refuses a document above GRAPHQL_MAX_COST', async () => {
    const cheap = await startHarness({ env: { GRAPHQL_MAX_COST: '50' } });
    try {
      const answer = await cheap.query(aliases(30, 3));
      expect(answer.errors?.[0]?.message).toMatch(/cost/i);
      expect(answer.errors?.[0]?.extensions?.code).toBe('QUERY_LIMIT_EXCEEDED');
      expect(cheap.emulator.stats().total).toBe(0);
    } finally {
      await cheap.close();
    }
  });

  it('suggests no field names in production', async () => {
    const production = await startHarness({ env: { NODE_ENV: 'production' } });
    try {
      const typo = await production.query('{ mmsPartitio(sourceId: "1", partitionId: "1") { id } }');
      expect(typo.errors?.[0]?.message).not.toMatch(/did you mean/i);
      const development = await harness.query('{ mmsPartitio(sourceId: "1", partitionId: "1") { id } }');
      expect(development.errors?.[0]?.message).toMatch(/did you mean/i);
    } finally {
      await production.close();
    }
  });
});

const OVER_BUDGET = `{
        a: mmsPartition(sourceId: "1", partitionId: "1") { id }
        b: mmsPartition(sourceId: "1", partitionId: "1") { id }
        list: mmsPartitions(keys: [{ sourceId: "1", partitionId: "2" }, { sourceId: "1", partitionId: "3" }, { sourceId: "1", partitionId: "4" }]) { id }
        e: _entities(representations: [{ __typename: "MmsPartition", sourceId: "1", id: "5" }, { __typename: "MmsPartition", sourceId: "1", id: "6" }]) { ... on MmsPartition { id } }
        f: mmsPartition(sourceId: "1", partitionId: "7") { id }
      }`;

describe('the upstream fan-out budget', () => {
  it('refuses a document that may read more than MMS_MAX_KEYS_PER_REQUEST records before any call, whatever the mix of fields', async () => {
    const harness = await startHarness({ env: { MMS_MAX_KEYS_PER_REQUEST: '5' } });
    try {
      const answer = await harness.query(OVER_BUDGET);
      // a, b, three keys, two representations and f: up to 8 reads, over the budget of 5.
      const codes = new Set((answer.errors ?? []).map((e) => e.extensions?.code));
      expect([...codes]).toEqual(['QUERY_LIMIT_EXCEEDED']);
      expect(answer.errors?.[0]?.extensions).toMatchObject({ estimatedReads: 8, maxReads: 5 });
      expect(harness.emulator.stats().total).toBe(0);
      // The same document again (its estimate kept with it): refused again.
      const again = await harness.query(OVER_BUDGET);
      expect(again.errors?.map((e) => e.extensions?.code)).toEqual(['QUERY_LIMIT_EXCEEDED']);
      // Within the estimate, the same fields are read, duplicates once.
      const within = await harness.query(`{
        a: mmsPartition(sourceId: "1", partitionId: "1") { id }
        b: mmsPartition(sourceId: "1", partitionId: "1") { id }
        list: mmsPartitions(keys: [{ sourceId: "1", partitionId: "2" }, { sourceId: "1", partitionId: "3" }]) { id }
        e: _entities(representations: [{ __typename: "MmsPartition", sourceId: "1", id: "5" }]) { ... on MmsPartition { id } }
      }`);
      expect(within.errors?.every((e) => e.extensions?.code === 'NOT_FOUND')).toBe(true);
      expect(harness.emulator.stats().total).toBe(4);
      expect(harness.emulator.calls(1, 1)).toBe(1);
    } finally {
      await harness.close();
    }
  });
});

describe('HTTP input', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  const post = (body: string, contentType = 'application/json') =>
    fetch(`${harness.url}/graphql`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('answers clear 4xx for oversized, malformed, mistyped and batched bodies, with no upstream call', async () => {
    harness.emulator.reset();
    const big = JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(300 * 1024) } });
    expect((await post(big)).status).toBe(413);
    expect((await post('{"query": "{ mmsPartition(')).status).toBe(400);
    expect((await post('not json at all')).status).toBe(400);
    // A form-style content type is a CSRF attempt: refused as such (403), not merely unparsed (415).
    expect((await post('{"query":"{ __typename }"}', 'text/plain')).status).toBe(403);
    const batched = await post(JSON.stringify([{ query: '{ mmsPartition(sourceId: "1", partitionId: "1") { id } }' }]));
    expect(batched.status).toBe(400);
    expect(harness.emulator.stats().total).toBe(0);
    expect((await post('{"query":"{ __typename }"}')).status).toBe(200);
  });

  it('asks for a length when a body has none (411)', async () => {
    const url = new URL(`${harness.url}/graphql`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{"query":"{ __typename }"}');
    });
    expect(status).toBe(411);
  });

  it('refuses a cross-site "simple" GET without a preflight header (CSRF)', async () => {
    const response = await fetch(
      `${harness.url}/graphql?query=${encodeURIComponent('{ mmsPartition(sourceId: "1", partitionId: "1") { id } }')}`,
    );
    expect(response.status).toBe(403);
    const allowed = await fetch(`${harness.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'x-graphql-yoga-csrf': '1' },
    });
    expect(allowed.status).toBe(200);
  });
});
