import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { postGraphQL } from '../support/harness.js';

const ROOT = new URL('../..', import.meta.url).pathname;

/**
 * The `mms-gateway` command in its own process against an emulator of the test's, configured as for the
 * cloud: endpoint and AccessKey from the environment, through the default credential chain.
 */
async function startGatewayProcess(emulator: Emulator, env: Record<string, string> = {}) {
  const [key] = emulator.credentials;
  const child = spawn(process.execPath, ['bin/mms-gateway.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      MAXCOMPUTE_ENDPOINT: emulator.url,
      ALIBABA_CLOUD_ACCESS_KEY_ID: key?.accessKeyId ?? '',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: key?.accessKeySecret ?? '',
      ...env,
    },
  });
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk));
  const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
  while (!stdout.includes('"graphql"')) await new Promise((resolve) => setTimeout(resolve, 20));
  const banner = stdout.split('\n').find((line) => line.includes('"graphql"')) ?? '';
  return { child, exited, url: (JSON.parse(banner) as { graphql: string }).graphql, output: () => stdout };
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
    expect((await gateway.exited)[0]).toBe(0);
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
    expect((await gateway.exited)[0]).toBe(1);
    expect(Date.now() - started).toBeLessThan(5000);
    await inFlight;
    emulator.setFault(200018, 2323, null);
  });

  it('warns when it serves a cloud identity beyond loopback without client authentication', async () => {
    const gateway = await startGatewayProcess(emulator, { HOST: '0.0.0.0' });
    gateway.child.kill('SIGTERM');
    await gateway.exited;
    expect(gateway.output()).toMatch(/"level":40.*client authentication is off/);
  });
});
