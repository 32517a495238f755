import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('defaults to the embedded emulator on 127.0.0.1:4000', () => {
    expect(loadConfig({})).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      endpoint: null,
      regionId: null,
      maxConcurrency: 16,
      timeoutMs: 10_000,
      requestTimeoutMs: 15_000,
      maxRetries: 3,
      maxQps: null,
      maxEntities: 500,
      maxKeysPerRequest: 500,
      introspection: true,
      corsOrigins: [],
      auth: { apiKeys: [], jwt: null },
      logLevel: 'info',
    });
  });

  it('turns introspection off by default in production, and on when asked', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }).introspection).toBe(true);
  });

  it('never echoes a secret in a configuration error', () => {
    const lines = problems({ GATEWAY_API_KEYS: 'a-long-enough-key-0001,too-short' });
    expect(lines).toEqual(['GATEWAY_API_KEYS: every key must be at least 16 characters long']);
  });

  it('reads CORS origins and refuses paths', () => {
    expect(loadConfig({ CORS_ORIGINS: 'http://localhost:5173, https://app.example.com' }).corsOrigins).toEqual([
      'http://localhost:5173',
      'https://app.example.com',
    ]);
    expect(problems({ CORS_ORIGINS: 'https://app.example.com/path' })).toHaveLength(1);
  });
  it('derives the HTTPS endpoint from the region', () => {
    expect(loadConfig({ ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou' }).endpoint).toEqual({
      protocol: 'https',
      host: 'maxcompute.cn-hangzhou.aliyuncs.com',
    });
  });

  it('takes an endpoint as a host or a URL, over the region', () => {
    const env = { ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou', MAXCOMPUTE_ENDPOINT: 'maxcompute-vpc.cn-shanghai.aliyuncs.com' };
    expect(loadConfig(env).endpoint).toEqual({ protocol: 'https', host: 'maxcompute-vpc.cn-shanghai.aliyuncs.com' });
    expect(loadConfig({ MAXCOMPUTE_ENDPOINT: 'http://127.0.0.1:9000' }).endpoint).toEqual({ protocol: 'http', host: '127.0.0.1:9000' });
    expect(loadConfig({ MAXCOMPUTE_ENDPOINT: 'http://emulator:9000/' }).endpoint).toEqual({ protocol: 'http', host: 'emulator:9000' });
  });

  it('refuses plain HTTP to anything that could be the cloud', () => {
    expect(problems({ MAXCOMPUTE_ENDPOINT: 'http://maxcompute.cn-hangzhou.aliyuncs.com' })).toEqual([
      'MAXCOMPUTE_ENDPOINT (got "http://maxcompute.cn-hangzhou.aliyuncs.com"): http:// is only allowed for local endpoints; use https://maxcompute.cn-hangzhou.aliyuncs.com',
    ]);
  });

  it('reports every invalid variable, one line each', () => {
    const lines = problems({
      PORT: 'abc',
      MMS_MAX_CONCURRENCY: '0',
      MMS_TIMEOUT_MS: '1.5',
      ALIBABA_CLOUD_REGION_ID: 'Hangzhou',
      MAXCOMPUTE_ENDPOINT: 'ftp://x',
    });
    expect(lines).toHaveLength(5);
    expect(lines.map((line) => line.split(' ')[0])).toEqual(
      expect.arrayContaining(['PORT', 'MMS_MAX_CONCURRENCY', 'MMS_TIMEOUT_MS', 'ALIBABA_CLOUD_REGION_ID', 'MAXCOMPUTE_ENDPOINT']),
    );
    expect(lines.find((line) => line.startsWith('PORT'))).toBe('PORT (got "abc"): must be an integer from 0 to 65535');
  });
});
