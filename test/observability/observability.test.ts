import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

describe('metrics', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ env: { MMS_RETRY_MAX: '1' } });
  });
  afterAll(() => harness.close());

  it('exposes GraphQL, upstream, batching and process metrics with bounded labels', async () => {
    harness.emulator.setFault(200018, 2323, { kind: 'error', status: 503, code: 'ServiceUnavailable', times: 1 });
    await harness.query(`query Dashboard {
      a: mmsPartition(sourceId: "200018", partitionId: "2323") { id }
      b: mmsPartitions(keys: [{ sourceId: "200019", partitionId: "3001" }, { sourceId: "200019", partitionId: "3002" }]) { id }
      c: mmsPartition(sourceId: "1", partitionId: "1") { id }
    }`);
    const text = await (await fetch(`${harness.url}/metrics`)).text();
    expect(text).toMatch(/graphql_requests_total\{operationName="Dashboard",operationType="query"\} 1$/m);
    expect(text).toMatch(/graphql_request_duration_seconds_count\{operationName="Dashboard",operationType="query"\} 1$/m);
    expect(text).toMatch(/graphql_errors_total\{operationName="Dashboard",phase="execute",code="NOT_FOUND"\} 1$/m);
    expect(text).toMatch(/mms_upstream_calls_total\{action="GetMmsPartition",outcome="OK",upstream_code="none"\} 3$/m);
    expect(text).toMatch(
      /mms_upstream_calls_total\{action="GetMmsPartition",outcome="UPSTREAM_UNAVAILABLE",upstream_code="ServiceUnavailable"\} 1$/m,
    );
    expect(text).toMatch(/mms_upstream_calls_total\{action="GetMmsPartition",outcome="NOT_FOUND",upstream_code="NotFound"\} 1$/m);
    expect(text).toMatch(/mms_upstream_retries_total\{action="GetMmsPartition",outcome="OK"\} 1$/m);
    expect(text).toMatch(/mms_upstream_call_duration_seconds_count\{action="GetMmsPartition",outcome="OK"\} 3$/m);
    // Every action under its own label.
    await harness.query('query Dashboard { mmsDataSource(id: "200018") { type partitions(first: 1) { totalCount } } }');
    const after = await (await fetch(`${harness.url}/metrics`)).text();
    expect(after).toMatch(/mms_upstream_calls_total\{action="GetMmsDataSource",outcome="OK",upstream_code="none"\} 1$/m);
    expect(after).toMatch(/mms_upstream_calls_total\{action="ListMmsPartitions",outcome="OK",upstream_code="none"\} 1$/m);
    expect(text).toMatch(/mms_loader_batch_size_sum 4$/m);
    expect(text).toMatch(/mms_upstream_in_flight 0$/m);
    expect(text).toMatch(/mms_upstream_circuit_state 0$/m);
    expect(text).toMatch(/process_cpu_user_seconds_total/);
    // No IDs in labels (values are left out: a byte count may contain these digits by chance).
    const labelSets = text.match(/\{[^}]*\}/g) ?? [];
    expect(labelSets.length).toBeGreaterThan(10);
    expect(labelSets.join('\n')).not.toMatch(/2323|3001|200018/);
  });

  it('keeps operation names bounded, whatever clients send', async () => {
    for (let i = 0; i < 210; i += 1) await harness.query(`query Op${i} { __typename }`);
    await harness.query('query Dashboard { __typename }');
    const text = await (await fetch(`${harness.url}/metrics`)).text();
    const names = new Set([...text.matchAll(/graphql_requests_total\{operationName="([^"]+)"/g)].map((match) => match[1]));
    expect(names.size).toBeLessThanOrEqual(201);
    // Every metric keeps to the same bound, not only the request counter.
    const anywhere = new Set([...text.matchAll(/[{,]operationName="([^"]+)"/g)].map((match) => match[1]));
    expect(anywhere).toEqual(names);
    expect(names.has('other')).toBe(true);
    expect(names.has('Dashboard')).toBe(true);
  });

  it('turns the route off with METRICS=off', async () => {
    const off = await startHarness({ env: { METRICS: 'off' } });
    try {
      expect((await fetch(`${off.url}/metrics`)).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});

describe('logs and request ids', () => {
  it('writes one line per request, and the request id on every line of it and in its errors', async () => {
    const harness = await startHarness({ env: { MMS_RETRY_MAX: '1' } });
    try {
      harness.emulator.setFault(200018, 2323, { kind: 'error', status: 503, code: 'ServiceUnavailable' });
      const response = await fetch(`${harness.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'req-42' },
        body: JSON.stringify({
          query:
            'query Board { a: mmsPartition(sourceId: "200018", partitionId: "2323") { id } b: mmsPartition(sourceId: "200019", partitionId: "3001") { id } }',
          operationName: 'Board',
        }),
      });
      expect(response.headers.get('x-request-id')).toBe('req-42');
      const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
      expect(body.errors[0]?.extensions.requestId).toBe('req-42');
      const all = harness.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
      // Every line of the request carries its id: the lines are counted before filtering by it.
      expect(all.filter((line) => line.msg === 'GetMmsPartition failed').map((line) => line.requestId)).toEqual(['req-42', 'req-42']);
      expect(all.filter((line) => line.msg === 'graphql request').map((line) => line.requestId)).toEqual(['req-42']);
      const lines = all.filter((line) => line.requestId === 'req-42');
      const failures = lines.filter((line) => line.msg === 'GetMmsPartition failed');
      expect(failures.map((line) => [line.attempt, line.upstreamCode, typeof line.upstreamRequestId])).toEqual([
        [1, 'ServiceUnavailable', 'string'],
        [2, 'ServiceUnavailable', 'string'],
      ]);
      const summary = lines.find((line) => line.msg === 'graphql request');
      expect(summary).toMatchObject({
        operationName: 'Board',
        status: 200,
        upstreamCalls: 3,
        upstreamFailures: 2,
        errorCodes: ['UPSTREAM_UNAVAILABLE'],
      });
      expect(typeof summary?.durationMs).toBe('number');
      // A generated id when the client sends none (or a malformed one).
      const generated = await fetch(`${harness.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'bad id with spaces' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await harness.close();
    }
  });
});

describe('tracing', () => {
  // One provider for the file: the tracing API takes the first one registered in a process.
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let harness: Harness;
  beforeAll(async () => {
    provider.register();
    harness = await startHarness({ tracerProvider: provider });
  });
  afterAll(async () => {
    await harness.close();
    await provider.shutdown();
  });
  beforeEach(() => exporter.reset());

  it('puts one span per upstream call under the operation span', async () => {
    await harness.query(`query Three {
      a: mmsPartition(sourceId: "200019", partitionId: "3001") { id }
      b: mmsPartitions(keys: [{ sourceId: "200019", partitionId: "3002" }, { sourceId: "200019", partitionId: "3003" }]) { id }
    }`);
    await provider.forceFlush();
    const spans = exporter.getFinishedSpans();
    const operation = spans.find((span) => span.name.includes('Three'));
    const calls = spans.filter((span) => span.name === 'GetMmsPartition');
    expect(operation).toBeDefined();
    expect(calls).toHaveLength(3);
    for (const call of calls) {
      expect(call.parentSpanId).toBe(operation?.spanContext().spanId);
      expect(call.spanContext().traceId).toBe(operation?.spanContext().traceId);
      expect(call.attributes).toMatchObject({
        'mms.action': 'GetMmsPartition',
        'mms.status': 'OK',
        'mms.attempt': 1,
        'mms.cache_tier': 'none',
      });
    }
    expect(calls.map((call) => call.attributes['mms.partition_id']).sort()).toEqual(['3001', '3002', '3003']);
  });

  it("carries the upstream's request id on successful calls too, trimmed", async () => {
    await harness.query(`{
      a: mmsPartition(sourceId: "200018", partitionId: "2323") { id }
      b: mmsPartition(sourceId: "200019", partitionId: "3001") { id }
      c: mmsPartition(sourceId: "200019", partitionId: "99") { id }
    }`);
    await provider.forceFlush();
    const idOf = (partitionId: string) =>
      exporter.getFinishedSpans().find((span) => span.name === 'GetMmsPartition' && span.attributes['mms.partition_id'] === partitionId)
        ?.attributes['mms.upstream_request_id'];
    // The published example answers with its documented request id (a stray newline included).
    expect(idOf('2323')).toBe('D9F872FD-5DDE-30A6-8C8A-1B8C6A81059F');
    expect(idOf('3001')).toMatch(/^[0-9A-F-]{36}$/);
    expect(idOf('99')).toMatch(/^[0-9A-F-]{36}$/);
  });
});

describe('health and readiness', () => {
  it('is live and ready against a working upstream', async () => {
    const harness = await startHarness();
    try {
      expect((await fetch(`${harness.url}/health`)).status).toBe(200);
      const ready = await fetch(`${harness.url}/readiness`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready' });
    } finally {
      await harness.close();
    }
  });

  it.each(['InvalidAction.NotFound', 'InvalidVersion'])('is not ready while the upstream answers calls with a 404 %s', async (code) => {
    const harness = await startHarness();
    try {
      // The probe's own partition, and one that a query reads before: neither may count as accepted.
      harness.emulator.setFault(0, 0, { kind: 'error', status: 404, code });
      harness.emulator.setFault(200018, 2323, { kind: 'error', status: 404, code });
      const answer = await harness.query('{ mmsPartition(sourceId: "200018", partitionId: "2323") { id } }');
      expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['UPSTREAM_ERROR']);
      const ready = await fetch(`${harness.url}/readiness`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'not ready', reason: `upstream probe failed: UPSTREAM_ERROR (${code})` });
    } finally {
      await harness.close();
    }
  });

  it('is live but not ready when the upstream refuses its signature, and says why in one line', async () => {
    const harness = await startHarness({ accessKeySecret: 'not-the-right-secret' });
    try {
      expect((await fetch(`${harness.url}/health`)).status).toBe(200);
      const ready = await fetch(`${harness.url}/readiness`);
      expect(ready.status).toBe(503);
      const text = await ready.text();
      expect(text.includes('\n')).toBe(false);
      expect(JSON.parse(text)).toEqual({
        status: 'not ready',
        reason: 'upstream probe failed: UPSTREAM_UNAUTHENTICATED (SignatureDoesNotMatch)',
      });
      expect(text).not.toContain('not-the-right-secret');
    } finally {
      await harness.close();
    }
  });
});
