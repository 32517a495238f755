import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { runGatewayCommand } from '../support/command.js';
import { postGraphQL } from '../support/harness.js';
import { subscribeOverWebSocket } from '../support/subscriptions.js';

/**
 * The `mms-gateway` command in its own process against an emulator of the test's, configured as for the
 * cloud: endpoint and AccessKey from the environment, through the default credential chain.
 */
async function startGatewayProcess(emulator: Emulator, env: Record<string, string> = {}) {
  const [key] = emulator.credentials;
  const gateway = runGatewayCommand({
    PORT: '0',
    MAXCOMPUTE_ENDPOINT: emulator.url,
    ALIBABA_CLOUD_ACCESS_KEY_ID: key?.accessKeyId ?? '',
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: key?.accessKeySecret ?? '',
    ...env,
  });
  const banner = await gateway.lineWith('"graphql"');
  const exited = gateway.exited.then(({ code }) => code);
  return { child: gateway.child, exited, url: (JSON.parse(banner) as { graphql: string }).graphql, output: gateway.stdout };
}

describe('a gateway process', { timeout: 60_000 }, () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ latencyMs: 600 });
  });
  afterAll(() => emulator.close());

  it('reads the cloud credentials from the environment, and on SIGTERM finishes in-flight requests, then exits 0', async () => {
    const gateway = await startGatewayProcess(emulator);
    const inFlight = postGraphQL(gateway.url, '{ mmsPartition(sourceId: "200018", partitionId: "2323") { tableName } }');
    await new Promise((resolve) => setTimeout(resolve, 200));
    gateway.child.kill('SIGTERM');
    expect((await inFlight).data).toEqual({ mmsPartition: { tableName: 't1' } });
    expect(await gateway.exited).toBe(0);
  });

  it('exits at once on a second signal', async () => {
    const gateway = await startGatewayProcess(emulator, { SHUTDOWN_GRACE_MS: '60000' });
    emulator.setFault(200018, 2323, { kind: 'hang' });
    const inFlight = postGraphQL(gateway.url, '{ mmsPartition(sourceId: "200018", partitionId: "2323") { tableName } }').catch(() => null);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    gateway.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    gateway.child.kill('SIGTERM');
    expect(await gateway.exited).toBe(1);
    expect(Date.now() - started).toBeLessThan(5000);
    await inFlight;
    emulator.setFault(200018, 2323, null);
  });

  it('ends open subscriptions (SSE and WebSocket) on SIGTERM instead of waiting out the grace period, then exits 0', async () => {
    const gateway = await startGatewayProcess(emulator, { SHUTDOWN_GRACE_MS: '30000' });
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { mmsPartitionChanged(keys: [{ sourceId: "200018", partitionId: "2323" }]) { id } }' }),
    });
    const reader = response.body?.getReader();
    const decoder = new TextDecoder();
    let received = '';
    while (!received.includes('event: next')) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) break;
      received += decoder.decode(chunk.value, { stream: true });
    }
    expect(received).toContain('"mmsPartitionChanged":{"id":"2323"}');
    const socket = subscribeOverWebSocket(gateway.url.replace(/\/graphql$/, ''), { keys: [{ sourceId: '200018', partitionId: '2323' }] });
    await socket.waitFor(1, 5_000);
    const started = Date.now();
    gateway.child.kill('SIGTERM');
    // The stream is completed by the gateway, not cut by the grace period's end.
    for (;;) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) break;
      received += decoder.decode(chunk.value, { stream: true });
    }
    expect(received).toContain('event: complete');
    // WebSocket clients are told the server is going away.
    expect((await socket.closed).code).toBe(1001);
    expect(await gateway.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('warns when it serves a cloud identity beyond loopback without client authentication', async () => {
    const gateway = await startGatewayProcess(emulator, { HOST: '0.0.0.0' });
    gateway.child.kill('SIGTERM');
    await gateway.exited;
    expect(gateway.output()).toMatch(/"level":40.*client authentication is off/);
  });
});
