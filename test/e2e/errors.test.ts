import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Fault } from '../../src/emulator/server.js';
import { type Harness, startHarness } from '../support/harness.js';
import { freePort } from '../support/ports.js';

const one = (sourceId: string, partitionId: string) =>
  `{ mmsPartition(sourceId: ${JSON.stringify(sourceId)}, partitionId: ${JSON.stringify(partitionId)}) { id tableName } }`;

describe('error codes, each with the upstream calls it costs', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ env: { MMS_TIMEOUT_MS: '400', MMS_RETRY_MAX: '0' } });
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.emulator.reset());

  const BAD_IDS = [
    '',
    'abc',
    '-1',
    '1.5',
    '1/../2',
    '%2e',
    ' 1',
    '1 ',
    '1e3',
    '0x10',
    '+1',
    '9223372036854775808',
    '99999999999999999999',
    '１２',
  ];

  it.each(BAD_IDS)('refuses sourceId %j and partitionId %j with BAD_USER_INPUT and no upstream call', async (bad) => {
    for (const query of [one(bad, '2323'), one('200018', bad)]) {
      const answer = await harness.query(query);
      expect(answer.data).toEqual({ mmsPartition: null });
      expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
    expect(harness.emulator.stats().total).toBe(0);
  });

  it.each([1.5, -1, true, null, { a: 1 }, [1]])('refuses the variable value %j with BAD_USER_INPUT and no upstream call', async (bad) => {
    const answer = await harness.query(
      'query ($s: ID!, $k: [MmsPartitionKey!]!) { mmsPartition(sourceId: $s, partitionId: "1") { id } mmsPartitions(keys: $k) { id } }',
      {
        s: bad,
        k: [{ sourceId: bad, partitionId: '1' }],
      },
    );
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors?.length).toBeGreaterThan(0);
    expect(answer.errors?.every((e) => e.extensions?.code === 'BAD_USER_INPUT')).toBe(true);
    expect(harness.emulator.stats().total).toBe(0);
  });

  it('accepts the largest 64-bit ID and canonicalises leading zeros', async () => {
    harness.emulator.reset();
    // "000", "00" and "0" are one partition: one upstream call, which only the gateway's own
    // canonical keys can make (the emulator reads all three paths as the same key anyway).
    const answer = await harness.query(`{
      a: mmsPartition(sourceId: "9223372036854775807", partitionId: "000") { id }
      b: mmsPartition(sourceId: "9223372036854775807", partitionId: "00") { id }
      c: mmsPartition(sourceId: "9223372036854775807", partitionId: "0") { id }
    }`);
    expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
    expect(harness.emulator.stats().total).toBe(1);
    expect(harness.emulator.calls('9223372036854775807', 0)).toBe(1);
  });

  it('refuses more than 100 keys, or any bad key, before calling anything', async () => {
    const keys = Array.from({ length: 101 }, (_, i) => ({ sourceId: '200018', partitionId: String(i) }));
    const query = 'query ($keys: [MmsPartitionKey!]!) { mmsPartitions(keys: $keys) { id } }';
    const tooMany = await harness.query(query, { keys });
    expect(tooMany.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const oneBad = await harness.query(query, {
      keys: [
        { sourceId: '200018', partitionId: '2323' },
        { sourceId: '200018', partitionId: '-5' },
      ],
    });
    expect(oneBad.errors?.map((e) => [e.extensions?.code, e.extensions?.argumentName])).toEqual([
      ['BAD_USER_INPUT', 'keys[1].partitionId'],
    ]);
    expect(harness.emulator.stats().total).toBe(0);
    const exactly100 = await harness.query(query, { keys: keys.slice(0, 100) });
    expect(exactly100.errors?.every((e) => e.extensions?.code === 'NOT_FOUND')).toBe(true);
    expect(harness.emulator.stats().total).toBe(100);
  });

  type Row = { name: string; fault: Fault; code: string; upstreamCode?: string; retryable: boolean };
  const rows: Row[] = [
    {
      name: '404 from the service',
      fault: { kind: 'error', status: 404, code: 'NotFound', shape: 'service' },
      code: 'NOT_FOUND',
      upstreamCode: 'NotFound',
      retryable: false,
    },
    { name: 'a 200 without data', fault: { kind: 'malformed', body: '{"requestId":"R-1"}' }, code: 'NOT_FOUND', retryable: false },
    {
      name: '403 Forbidden.RAM',
      fault: { kind: 'error', status: 403, code: 'Forbidden.RAM' },
      code: 'FORBIDDEN',
      upstreamCode: 'Forbidden.RAM',
      retryable: false,
    },
    {
      name: '403 NoPermission',
      fault: { kind: 'error', status: 403, code: 'NoPermission', shape: 'service' },
      code: 'FORBIDDEN',
      upstreamCode: 'NoPermission',
      retryable: false,
    },
    {
      name: 'unknown AccessKeyId (a 404)',
      fault: { kind: 'error', status: 404, code: 'InvalidAccessKeyId.NotFound' },
      code: 'UPSTREAM_UNAUTHENTICATED',
      upstreamCode: 'InvalidAccessKeyId.NotFound',
      retryable: false,
    },
    {
      name: 'expired timestamp',
      fault: { kind: 'error', status: 400, code: 'InvalidTimeStamp.Expired' },
      code: 'UPSTREAM_UNAUTHENTICATED',
      upstreamCode: 'InvalidTimeStamp.Expired',
      retryable: false,
    },
    {
      name: 'expired STS token',
      fault: { kind: 'error', status: 400, code: 'InvalidSecurityToken.Expired' },
      code: 'UPSTREAM_UNAUTHENTICATED',
      upstreamCode: 'InvalidSecurityToken.Expired',
      retryable: false,
    },
    {
      name: 'Throttling.User (400)',
      fault: { kind: 'error', status: 400, code: 'Throttling.User' },
      code: 'UPSTREAM_THROTTLED',
      upstreamCode: 'Throttling.User',
      retryable: true,
    },
    {
      name: '429 Throttling',
      fault: { kind: 'error', status: 429, code: 'Throttling' },
      code: 'UPSTREAM_THROTTLED',
      upstreamCode: 'Throttling',
      retryable: true,
    },
    {
      name: '503 ServiceUnavailable',
      fault: { kind: 'error', status: 503, code: 'ServiceUnavailable' },
      code: 'UPSTREAM_UNAVAILABLE',
      upstreamCode: 'ServiceUnavailable',
      retryable: true,
    },
    {
      name: '500 InternalError',
      fault: { kind: 'error', status: 500, code: 'InternalError' },
      code: 'UPSTREAM_UNAVAILABLE',
      upstreamCode: 'InternalError',
      retryable: true,
    },
    { name: 'a connection reset', fault: { kind: 'reset' }, code: 'UPSTREAM_UNAVAILABLE', upstreamCode: 'ECONNRESET', retryable: true },
    { name: 'no answer in MMS_TIMEOUT_MS', fault: { kind: 'hang' }, code: 'UPSTREAM_TIMEOUT', retryable: true },
    {
      name: 'an HTML page with 200',
      fault: { kind: 'malformed', body: '<html>proxy</html>', contentType: 'text/html' },
      code: 'UPSTREAM_BAD_RESPONSE',
      retryable: false,
    },
    {
      name: 'an HTML page with 502',
      fault: { kind: 'malformed', status: 502, body: '<html>Bad Gateway</html>', contentType: 'text/html' },
      code: 'UPSTREAM_BAD_RESPONSE',
      retryable: false,
    },
    { name: 'an empty body', fault: { kind: 'malformed', body: '' }, code: 'UPSTREAM_BAD_RESPONSE', retryable: false },
    { name: 'a JSON array', fault: { kind: 'malformed', body: '[1,2]' }, code: 'UPSTREAM_BAD_RESPONSE', retryable: false },
    {
      name: 'a mistyped field',
      fault: { kind: 'malformed', body: '{"requestId":"R","data":{"id":2323,"sourceId":200018,"size":"big"}}' },
      code: 'UPSTREAM_BAD_RESPONSE',
      retryable: false,
    },
    {
      name: 'another partition than asked',
      fault: { kind: 'malformed', body: '{"requestId":"R","data":{"id":1,"sourceId":200018}}' },
      code: 'UPSTREAM_BAD_RESPONSE',
      retryable: false,
    },
    // The provider's answers to a call it does not know: a mistake of the gateway's, not a missing partition.
    {
      name: 'a 404 InvalidAction.NotFound',
      fault: { kind: 'error', status: 404, code: 'InvalidAction.NotFound' },
      code: 'UPSTREAM_ERROR',
      upstreamCode: 'InvalidAction.NotFound',
      retryable: false,
    },
    {
      name: 'a 404 InvalidVersion',
      fault: { kind: 'error', status: 404, code: 'InvalidVersion' },
      code: 'UPSTREAM_ERROR',
      upstreamCode: 'InvalidVersion',
      retryable: false,
    },
    {
      name: 'a 404 with a code of no missing record',
      fault: { kind: 'error', status: 404, code: 'InvalidApi.NotFound', shape: 'service' },
      code: 'UPSTREAM_ERROR',
      upstreamCode: 'InvalidApi.NotFound',
      retryable: false,
    },
    {
      name: 'a 400 InvalidParameter',
      fault: { kind: 'error', status: 400, code: 'InvalidParameter' },
      code: 'UPSTREAM_ERROR',
      upstreamCode: 'InvalidParameter',
      retryable: false,
    },
  ];

  it.each(rows)('maps $name to $code with one upstream call, failing only that partition', async (row) => {
    harness.emulator.setFault(200018, 2323, row.fault);
    const answer = await harness.query(`{
      broken: mmsPartition(sourceId: "200018", partitionId: "2323") { id tableName }
      fine: mmsPartition(sourceId: "200019", partitionId: "3001") { id tableName }
    }`);
    expect(answer.data).toEqual({ broken: null, fine: { id: '3001', tableName: 'orders' } });
    expect(answer.errors).toHaveLength(1);
    const [error] = answer.errors ?? [];
    expect(error?.path).toEqual(['broken']);
    expect(error?.extensions?.code).toBe(row.code);
    expect(error?.extensions?.retryable).toBe(row.retryable);
    if (row.upstreamCode) expect(error?.extensions?.upstreamCode).toBe(row.upstreamCode);
    if (row.fault.kind === 'error') expect(error?.extensions?.upstreamRequestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(harness.emulator.calls(200018, 2323)).toBe(1);
  });

  it('serves null and logs a warning for a status the API adds later', async () => {
    harness.emulator.data.set('5/6', { id: 6, sourceId: 5, tableName: 't', status: 'MIGRATING' });
    const answer = await harness.query('{ mmsPartition(sourceId: "5", partitionId: "6") { tableName status } }');
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ mmsPartition: { tableName: 't', status: null } });
    expect(harness.logs.some((line) => line.includes('"level":40') && line.includes('MIGRATING'))).toBe(true);
  });

  it('refuses to round an integer beyond 2^53-1: that field errors, the rest stays', async () => {
    harness.emulator.data.set('5/7', { id: 7, sourceId: 5, tableName: 't', size: 9007199254740993n, numRows: 10 });
    const answer = await harness.query('{ mmsPartition(sourceId: "5", partitionId: "7") { tableName size numRows } }');
    expect(answer.data).toEqual({ mmsPartition: { tableName: 't', size: null, numRows: 10 } });
    expect(answer.errors?.map((e) => [e.path, e.extensions?.code, e.extensions?.exactValue])).toEqual([
      [['mmsPartition', 'size'], 'VALUE_OUT_OF_RANGE', '9007199254740993'],
    ]);
  });

  it('keeps 64-bit IDs in answers exact', async () => {
    harness.emulator.data.set('5/8', { id: 8, sourceId: 5, dbId: 9007199254740993n, tableId: 18446744073709551615n });
    const answer = await harness.query('{ mmsPartition(sourceId: "5", partitionId: "8") { dbId tableId } }');
    expect(answer.data).toEqual({ mmsPartition: { dbId: '9007199254740993', tableId: '18446744073709551615' } });
  });
});

describe('upstream refusals of the gateway itself', () => {
  it('maps a wrong AccessKey secret to UPSTREAM_UNAUTHENTICATED (SignatureDoesNotMatch), one call', async () => {
    const harness = await startHarness({ accessKeySecret: 'wrong-secret', env: { MMS_RETRY_MAX: '0' } });
    try {
      const answer = await harness.query(one('200018', '2323'));
      expect(answer.errors?.map((e) => [e.extensions?.code, e.extensions?.upstreamCode, e.extensions?.retryable])).toEqual([
        ['UPSTREAM_UNAUTHENTICATED', 'SignatureDoesNotMatch', false],
      ]);
      expect(harness.emulator.stats().total).toBe(1);
    } finally {
      await harness.close();
    }
  });

  it('maps a refused connection to UPSTREAM_UNAVAILABLE', async () => {
    const closedPort = await freePort();
    const harness = await startHarness({ endpointHost: `127.0.0.1:${closedPort}`, env: { MMS_RETRY_MAX: '0' } });
    try {
      const answer = await harness.query(one('200018', '2323'));
      expect(answer.errors?.map((e) => [e.extensions?.code, e.extensions?.upstreamCode, e.extensions?.retryable])).toEqual([
        ['UPSTREAM_UNAVAILABLE', 'ECONNREFUSED', true],
      ]);
    } finally {
      await harness.close();
    }
  });
});
