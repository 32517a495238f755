import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';
import { hs256Jwt } from '../support/jwt.js';
import { subscribeOverSse, subscribeOverWebSocket } from '../support/subscriptions.js';

// Live partition status over graphql-ws on the same /graphql path as SSE: the same poller
// serves both transports; client credentials travel in the connection's parameters; a
// browser page of a foreign origin cannot open a socket.

const KEY = { sourceId: '6', partitionId: '1' };
const JWT_SECRET = 'jwt-secret-for-websocket-0123456789';
const FAST_WATCH = { MMS_WATCH_ACTIVE_S: '1', MMS_WATCH_IDLE_S: '1', MMS_WATCH_TERMINAL_S: '1' };

function status(event: Record<string, unknown> | undefined): unknown {
  return (event?.data as { mmsPartitionChanged?: { status?: string } } | undefined)?.mmsPartitionChanged?.status;
}

function firstCode(event: Record<string, unknown> | undefined): unknown {
  const errors = (event?.errors ?? []) as { extensions?: { code?: string } }[];
  return errors[0]?.extensions?.code;
}

/** The HTTP status a WebSocket upgrade of `/graphql` is answered with, from `origin`. */
function upgradeStatus(url: string, origin: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const upgrade = request(`${url}/graphql`, {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        origin,
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        'sec-websocket-protocol': 'graphql-transport-ws',
      },
    });
    upgrade.on('upgrade', (response, socket) => {
      socket.destroy();
      resolve(response.statusCode ?? 0);
    });
    upgrade.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    upgrade.on('error', reject);
    upgrade.end();
  });
}

describe('live partition status over WebSocket', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ env: FAST_WATCH });
    harness.emulator.data.set('6/1', { id: 1, sourceId: 6, tableName: 'live', status: 'INIT', size: 1 });
  });
  afterAll(() => harness.close());

  it('serves WebSocket and SSE subscribers of one partition from one poller and pushes a flip to both', async () => {
    harness.emulator.reset();
    const sockets = Array.from({ length: 20 }, () => subscribeOverWebSocket(harness.url, { keys: [KEY] }));
    const sse = await Promise.all(Array.from({ length: 20 }, () => subscribeOverSse(harness.url, { keys: [KEY] })));
    const all = [...sockets, ...sse];
    for (const stream of all) expect(status((await stream.waitFor(1, 5_000))[0])).toBe('INIT');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const opened = harness.emulator.calls(6, 1);
    // One read to open, then about one per interval: never one per subscriber.
    expect(opened).toBeGreaterThanOrEqual(1);
    expect(opened).toBeLessThanOrEqual(4);

    harness.emulator.data.set('6/1', { id: 1, sourceId: 6, tableName: 'live', status: 'DOING', size: 5 });
    const flipped = Date.now();
    for (const stream of all) {
      const events = await stream.waitFor(2, 2_500);
      expect(events[1]).toEqual({ data: { mmsPartitionChanged: { id: '1', status: 'DOING', size: 5 } } });
    }
    expect(Date.now() - flipped).toBeLessThan(1_100 + 1_000);

    // Completing every WebSocket subscription (and closing the SSE ones) stops the polling.
    for (const stream of all) stream.close();
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const afterLeaving = harness.emulator.calls(6, 1);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(harness.emulator.calls(6, 1)).toBe(afterLeaving);
    const metrics = await (await fetch(`${harness.url}/metrics`)).text();
    expect(metrics).toMatch(/^mms_watch_subscribers 0$/m);
  }, 30_000);

  it('refuses bad keys with BAD_USER_INPUT before any call, and a query over the socket is answered too', async () => {
    harness.emulator.reset();
    const bad = subscribeOverWebSocket(harness.url, { keys: [{ sourceId: '6', partitionId: '-1' }] });
    expect(firstCode((await bad.waitFor(1, 5_000))[0])).toBe('BAD_USER_INPUT');
    bad.close();
    expect(harness.emulator.stats().total).toBe(0);

    const query = subscribeOverWebSocket(
      harness.url,
      {},
      { query: '{ mmsPartition(sourceId: "200018", partitionId: "2323") { id status source { id } } }' },
    );
    expect((await query.waitFor(1, 5_000))[0]).toEqual({
      data: { mmsPartition: { id: '2323', status: 'DONE', source: { id: '200018' } } },
    });
    query.close();
  });

  it('refuses an upgrade from a foreign browser origin with 403, and lets the same origin in', async () => {
    expect(await upgradeStatus(harness.url, 'https://evil.example')).toBe(403);
    expect(await upgradeStatus(harness.url, harness.url)).toBe(101);
  });

  it('survives a client that resets its connection as its upgrade is refused', async () => {
    const { port } = new URL(harness.url);
    for (let i = 0; i < 5; i += 1) {
      const socket = connect(Number(port), '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write('GET /elsewhere HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n');
      socket.resetAndDestroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await harness.query('{ mmsPartition(sourceId: "200018", partitionId: "2323") { id } }')).data).toEqual({
      mmsPartition: { id: '2323' },
    });
  });

  it('logs each operation as an HTTP request is logged, a refused one too, with its error codes', async () => {
    const refused = subscribeOverWebSocket(harness.url, {}, { query: '{ mmsPartition(' });
    expect((await refused.waitFor(1, 5_000))[0]?.errors).toBeDefined();
    refused.close();
    const failing = subscribeOverWebSocket(harness.url, { keys: [{ sourceId: '6', partitionId: 'x' }] });
    expect((await failing.waitFor(1, 5_000))[0]?.errors).toBeDefined();
    failing.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const lines = harness.logs
      .map((line) => JSON.parse(line) as { msg?: string; transport?: string; errorCodes?: string[] })
      .filter((line) => line.msg === 'graphql request' && line.transport === 'websocket');
    expect(lines.some((line) => line.errorCodes?.includes('GRAPHQL_PARSE_FAILED'))).toBe(true);
    // Codes of errors the operation itself answered with, too.
    expect(lines.some((line) => line.errorCodes?.includes('BAD_USER_INPUT'))).toBe(true);
  });
});

describe('WebSocket clients under client authentication and CORS', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({
      env: {
        ...FAST_WATCH,
        GATEWAY_API_KEYS: 'reader-key-0123456789',
        CORS_ORIGINS: 'https://app.example',
        JWT_SECRET,
        MMS_MUTATIONS: 'on',
      },
    });
  });
  afterAll(() => harness.close());

  it('closes a connection without valid credentials with 4403 and serves one whose connectionParams carry the key', async () => {
    harness.emulator.reset();
    const anonymous = subscribeOverWebSocket(harness.url, { keys: [{ sourceId: '200018', partitionId: '2323' }] });
    expect((await anonymous.closed).code).toBe(4403);
    const wrong = subscribeOverWebSocket(
      harness.url,
      { keys: [{ sourceId: '200018', partitionId: '2323' }] },
      {
        connectionParams: { 'x-api-key': 'not-a-key' },
      },
    );
    expect((await wrong.closed).code).toBe(4403);
    expect(harness.emulator.stats().total).toBe(0);

    const allowed = subscribeOverWebSocket(
      harness.url,
      { keys: [{ sourceId: '200018', partitionId: '2323' }] },
      {
        connectionParams: { 'x-api-key': 'reader-key-0123456789' },
        origin: 'https://app.example',
      },
    );
    expect(status((await allowed.waitFor(1, 5_000))[0])).toBe('DONE');
    allowed.close();
  });

  it('takes a Bearer token from connectionParams, and checks each operation as its own request (write scope)', async () => {
    const token = (scope: string) => `Bearer ${hs256Jwt(JWT_SECRET, { sub: 'viewer', scope, exp: Math.floor(Date.now() / 1000) + 300 })}`;
    const stop = 'mutation { stopMmsJob(sourceId: "200019", jobId: "505") { job { id } } }';
    harness.emulator.reset();
    const reader = subscribeOverWebSocket(harness.url, {}, { query: stop, connectionParams: { authorization: token('mms:read') } });
    expect(firstCode((await reader.waitFor(1, 5_000))[0])).toBe('FORBIDDEN');
    reader.close();
    expect(harness.emulator.stats().total).toBe(0);
    const writer = subscribeOverWebSocket(harness.url, {}, { query: stop, connectionParams: { authorization: token('mms:write') } });
    expect((await writer.waitFor(1, 5_000))[0]).toEqual({ data: { stopMmsJob: { job: { id: '505' } } } });
    writer.close();
    expect(harness.emulator.stats().perAction.StopMmsJob).toBe(1);
  });

  it('lets listed CORS origins open a socket and refuses others', async () => {
    expect(await upgradeStatus(harness.url, 'https://app.example')).toBe(101);
    expect(await upgradeStatus(harness.url, 'https://other.example')).toBe(403);
  });
});

describe('WebSocket clients when introspection is off', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ env: { GRAPHQL_INTROSPECTION: 'off' } });
  });
  afterAll(() => harness.close());

  it('refuses introspection over the socket as over HTTP', async () => {
    const overHttp = await harness.query('{ __schema { queryType { name } } }');
    expect(overHttp.errors?.length).toBeGreaterThan(0);
    const socket = subscribeOverWebSocket(harness.url, {}, { query: '{ __schema { queryType { name } } }' });
    const [answer] = await socket.waitFor(1, 5_000);
    socket.close();
    expect(answer?.data).toBeUndefined();
    expect(JSON.stringify(answer?.errors)).toContain('introspection');
  });
});
