import { describe, expect, it } from 'vitest';
import { ConfigError, type LoadOptions, loadConfig } from '../src/config.js';

function problems(env: Record<string, string>, options?: LoadOptions): string[] {
  try {
    loadConfig(env, options);
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
    const production = { NODE_ENV: 'production', ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou' };
    expect(loadConfig(production).introspection).toBe(false);
    expect(loadConfig({ ...production, GRAPHQL_INTROSPECTION: 'true' }).introspection).toBe(true);
  });

  it('refuses production without an endpoint or region, in one line saying what to set', () => {
    const lines = problems({ NODE_ENV: 'production' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^NODE_ENV=production with neither MAXCOMPUTE_ENDPOINT nor ALIBABA_CLOUD_REGION_ID set .*demo data/);
    expect(lines[0]).toContain('--emulator');
    // Reported together with any other problem, so one start-up lists everything to fix.
    expect(problems({ NODE_ENV: 'production', PORT: 'abc' })).toHaveLength(2);
    // An endpoint that is set but invalid is its own problem; the production rule does not add a second line.
    expect(problems({ NODE_ENV: 'production', MAXCOMPUTE_ENDPOINT: 'ftp://x' })).toEqual([
      expect.stringMatching(/^MAXCOMPUTE_ENDPOINT \(got "ftp:\/\/x"\)/),
    ]);
  });

  it('accepts production with an endpoint or a region, and with the emulator asked for explicitly', () => {
    expect(loadConfig({ NODE_ENV: 'production', MAXCOMPUTE_ENDPOINT: 'maxcompute.cn-hangzhou.aliyuncs.com' }).endpoint).toEqual({
      protocol: 'https',
      host: 'maxcompute.cn-hangzhou.aliyuncs.com',
    });
    expect(loadConfig({ NODE_ENV: 'production', ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou' }).production).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }, { emulator: true })).toMatchObject({ production: true, endpoint: null, regionId: null });
    // Outside production the emulator stays the default.
    expect(loadConfig({ NODE_ENV: 'development' }).endpoint).toBeNull();
  });

  it('ignores the endpoint and region when the emulator is forced', () => {
    const env = { MAXCOMPUTE_ENDPOINT: 'maxcompute.cn-hangzhou.aliyuncs.com', ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou' };
    expect(loadConfig(env, { emulator: true })).toMatchObject({ endpoint: null, regionId: null });
    expect(problems({ MAXCOMPUTE_ENDPOINT: 'ftp://x' }, { emulator: true })).toEqual([]);
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

  it("makes MMS_MAX_QPS the whole cluster's only with REDIS_URL, whether the shared cache is on or not", () => {
    expect(loadConfig({ MMS_MAX_QPS: '20' })).toMatchObject({ maxQps: 20, clusterQuota: null });
    expect(loadConfig({ REDIS_URL: 'redis://cache:6379' }).clusterQuota).toBeNull();
    const cluster = { REDIS_URL: 'redis://cache:6379', MMS_MAX_QPS: '20' };
    expect(loadConfig(cluster).clusterQuota).toEqual({
      redisUrl: 'redis://cache:6379',
      redisTimeoutMs: 50,
      expectedReplicas: 1,
      throttleCoolDownMs: 2000,
    });
    expect(
      loadConfig({ ...cluster, MMS_CACHE: 'off', MMS_EXPECTED_REPLICAS: '3', MMS_THROTTLE_COOLDOWN_MS: '5000' }).clusterQuota,
    ).toMatchObject({ expectedReplicas: 3, throttleCoolDownMs: 5000 });
    expect(problems({ ...cluster, MMS_EXPECTED_REPLICAS: '0', MMS_THROTTLE_COOLDOWN_MS: '10' })).toEqual([
      'MMS_EXPECTED_REPLICAS (got "0"): must be an integer from 1 to 10000',
      'MMS_THROTTLE_COOLDOWN_MS (got "10"): must be an integer from 100 to 600000',
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
