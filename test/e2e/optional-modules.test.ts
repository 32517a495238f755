import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// Redis's client and the tracing SDK are loaded only when configured: a gateway without them
// does not hold their code (about 15 MB of resident memory). Each case starts the app as
// `npm start` does, in a fresh process, and lists which of those packages its module cache holds.

const ROOT = new URL('../..', import.meta.url).pathname;
const OPTIONAL = ['ioredis', '@opentelemetry/sdk-trace-base'];
const PROGRAM = `
import { createRequire } from 'node:module';
import { startApp } from './src/app.ts';
import { loadConfig } from './src/config.ts';
import { createLogger } from './src/logger.ts';
const app = await startApp(loadConfig(process.env), createLogger('error', { write() {} }));
const loaded = Object.keys(createRequire(process.cwd() + '/').cache);
await app.close();
console.log(JSON.stringify(${JSON.stringify(OPTIONAL)}.filter((name) => loaded.some((path) => path.includes('/node_modules/' + name + '/')))));
`;

async function optionalModulesLoaded(env: Record<string, string>): Promise<string[]> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', PROGRAM], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '[]') as string[];
}

describe('optional modules', () => {
  it('are not loaded when neither Redis nor tracing is configured', async () => {
    expect(await optionalModulesLoaded({})).toEqual([]);
  });

  it('load the Redis client only with REDIS_URL, and the tracing SDK only with an OTLP endpoint', async () => {
    // Closed ports: the cache turns an unreachable Redis into misses, and spans are exported only later.
    expect(await optionalModulesLoaded({ REDIS_URL: 'redis://127.0.0.1:1' })).toEqual(['ioredis']);
    expect(await optionalModulesLoaded({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1' })).toEqual(['@opentelemetry/sdk-trace-base']);
  });
});
