import { isIP } from 'node:net';
import { bool, cleanEnv, host, makeValidator, str, url } from 'envalid';

/** Where the upstream MaxCompute API is, as the client library needs it. */
export interface UpstreamEndpoint {
  protocol: 'http' | 'https';
  /** Host name with `:port` when one is given; this is also the signed `host` header. */
  host: string;
}

/** Limits on incoming GraphQL documents (graphql-armor), checked before anything executes. */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
}

/** Who may use the gateway; with neither keys nor JWT configured, anyone who reaches the port. */
export interface ClientAuth {
  apiKeys: string[];
  jwt: { secret: string | null; jwksUrl: string | null; issuer: string | null; audience: string | null } | null;
  /** Keys that may also change jobs (GATEWAY_WRITE_API_KEYS); each is a read key too. */
  writeApiKeys: string[];
  /** The JWT scope that may change jobs (JWT_WRITE_SCOPE). */
  writeScope: string;
}

export interface Config {
  port: number;
  host: string;
  production: boolean;
  /** null: no cloud endpoint configured (or the emulator forced), so the embedded emulator serves as upstream. */
  endpoint: UpstreamEndpoint | null;
  regionId: string | null;
  maxConcurrency: number;
  timeoutMs: number;
  /** Bound of all upstream work of one GraphQL request, retries included. */
  requestTimeoutMs: number;
  maxRetries: number;
  /** Upstream calls started per second, process-wide; null for no cap. */
  maxQps: number | null;
  /**
   * With REDIS_URL and MMS_MAX_QPS both set, `maxQps` is the whole cluster's, counted in Redis;
   * null otherwise (a cap per process, or none).
   */
  clusterQuota: { redisUrl: string; redisTimeoutMs: number; expectedReplicas: number; throttleCoolDownMs: number } | null;
  breakerThreshold: number;
  breakerCooldownMs: number;
  /** Representations one `_entities` request may carry. */
  maxEntities: number;
  /** Distinct partitions one request may fetch, however they are asked for. */
  maxKeysPerRequest: number;
  maxBodyBytes: number;
  queryLimits: QueryLimits;
  introspection: boolean;
  /** Serve GraphiQL (self-hosted) to browsers at the GraphQL endpoint. */
  graphiql: boolean;
  corsOrigins: string[];
  auth: ClientAuth;
  /** Serve the job control mutations (MMS_MUTATIONS=on): without it the schema has no Mutation type. */
  mutations: boolean;
  /**
   * Live partition status (`mmsPartitionChanged`): poll intervals by status, and the partitions
   * watched at most; with REDIS_URL, one replica polls each partition for all, under a lease.
   */
  watch: {
    activeMs: number;
    idleMs: number;
    terminalMs: number;
    maxPartitions: number;
    cluster: { redisUrl: string; redisTimeoutMs: number; leaseMs: number } | null;
  };
  shutdownGraceMs: number;
  logLevel: string;
  /** Human-readable logs (NODE_ENV=development) instead of JSON lines. */
  prettyLogs: boolean;
  /** The shared partition cache: null when MMS_CACHE=off. */
  cache: {
    redisUrl: string | null;
    redisTimeoutMs: number;
    maxEntries: number;
    terminalMs: number;
    activeMs: number;
    missingMs: number;
    listMs: number;
  } | null;
  /** Serve Prometheus metrics at /metrics. */
  metrics: boolean;
  /** Export OpenTelemetry traces (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_TRACES_EXPORTER set). */
  tracing: boolean;
}

/** Thrown with one human-readable line per invalid variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

const REGION_ID = /^[a-z]{2,}(-[a-z0-9]+)+$/;

// Plain HTTP sends the signed request (and any STS token) in clear text, so it is only
// accepted for hosts that cannot be the cloud: loopback, private ranges, single-label names.
function isLocalHost(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const family = isIP(bare);
  if (family === 4) {
    const [a = 0, b = 0] = bare.split('.').map(Number);
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  if (family === 6) return bare === '::1' || /^f[cd]/.test(bare);
  return !bare.includes('.') || /\.(localhost|local|internal)$/.test(bare);
}

const endpoint = makeValidator<UpstreamEndpoint>((input) => {
  const raw = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error('must be a host name or an http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('must use https:// (or http:// for a local endpoint)');
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    throw new Error('must be a bare host or origin, without credentials, path or query');
  }
  if (url.protocol === 'http:' && !isLocalHost(url.hostname)) {
    throw new Error(`http:// is only allowed for local endpoints; use https://${url.host}`);
  }
  return { protocol: url.protocol === 'http:' ? 'http' : 'https', host: url.host };
});

const regionId = makeValidator<string>((input) => {
  if (!REGION_ID.test(input)) throw new Error('must look like cn-hangzhou or ap-southeast-1');
  return input;
});

const integerInRange = (min: number, max: number) =>
  makeValidator<number>((input) => {
    const value = Number(input);
    if (!/^\d+$/.test(input.trim()) || value < min || value > max) throw new Error(`must be an integer from ${min} to ${max}`);
    return value;
  });

function splitList(input: string): string[] {
  return input
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

const origins = makeValidator<string[]>((input) =>
  splitList(input).map((item) => {
    let url: URL;
    try {
      url = new URL(item);
    } catch {
      throw new Error(`"${item}" is not an origin such as https://app.example.com`);
    }
    if (url.origin !== item.replace(/\/$/, '')) throw new Error(`"${item}" is not an origin (scheme://host[:port], no path)`);
    return url.origin;
  }),
);

const apiKeys = makeValidator<string[]>((input) => {
  const keys = splitList(input);
  // The keys themselves are never echoed: this message is printed at start-up.
  if (keys.some((key) => key.length < 16)) throw new Error('every key must be at least 16 characters long');
  return keys;
});

export interface LoadOptions {
  /** Serve the embedded emulator whatever the environment says (the command's `--emulator`). */
  emulator?: boolean;
}

/** Reads and validates the gateway's environment; throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadOptions = {}): Config {
  // A forced emulator makes the cloud endpoint settings irrelevant: they are not read at all.
  const source: NodeJS.ProcessEnv = options.emulator ? { ...env, MAXCOMPUTE_ENDPOINT: undefined, ALIBABA_CLOUD_REGION_ID: undefined } : env;
  const problems: string[] = [];
  const clean = cleanEnv(
    source,
    {
      PORT: integerInRange(0, 65_535)({ default: 4000 }),
      HOST: host({ default: '127.0.0.1' }),
      MAXCOMPUTE_ENDPOINT: endpoint({ default: undefined }),
      ALIBABA_CLOUD_REGION_ID: regionId({ default: undefined }),
      MMS_MAX_CONCURRENCY: integerInRange(1, 1024)({ default: 16 }),
      MMS_TIMEOUT_MS: integerInRange(100, 600_000)({ default: 10_000 }),
      MMS_MAX_ENTITIES: integerInRange(1, 100_000)({ default: 500 }),
      REQUEST_TIMEOUT_MS: integerInRange(100, 600_000)({ default: 15_000 }),
      MMS_RETRY_MAX: integerInRange(0, 10)({ default: 3 }),
      MMS_MAX_QPS: integerInRange(0, 1_000_000)({ default: 0 }),
      MMS_EXPECTED_REPLICAS: integerInRange(1, 10_000)({ default: 1 }),
      MMS_THROTTLE_COOLDOWN_MS: integerInRange(100, 600_000)({ default: 2_000 }),
      MMS_BREAKER_THRESHOLD: integerInRange(1, 10_000)({ default: 5 }),
      MMS_BREAKER_COOLDOWN_MS: integerInRange(100, 600_000)({ default: 10_000 }),
      MMS_MAX_KEYS_PER_REQUEST: integerInRange(1, 100_000)({ default: 500 }),
      MMS_WATCH_ACTIVE_S: integerInRange(1, 3600)({ default: 5 }),
      MMS_WATCH_IDLE_S: integerInRange(1, 3600)({ default: 30 }),
      MMS_WATCH_TERMINAL_S: integerInRange(1, 3600)({ default: 60 }),
      MMS_WATCH_MAX_PARTITIONS: integerInRange(1, 1_000_000)({ default: 10_000 }),
      MMS_WATCH_LEASE_S: integerInRange(1, 600)({ default: 15 }),
      MAX_BODY_BYTES: integerInRange(1024, 64 * 1024 * 1024)({ default: 256 * 1024 }),
      GRAPHQL_MAX_DEPTH: integerInRange(1, 1000)({ default: 16 }),
      GRAPHQL_MAX_ALIASES: integerInRange(0, 100_000)({ default: 128 }),
      GRAPHQL_MAX_TOKENS: integerInRange(10, 1_000_000)({ default: 10_000 }),
      GRAPHQL_MAX_DIRECTIVES: integerInRange(0, 10_000)({ default: 32 }),
      GRAPHQL_MAX_COST: integerInRange(1, 10_000_000)({ default: 20_000 }),
      GRAPHQL_INTROSPECTION: bool({ default: undefined }),
      GRAPHIQL: str({ choices: ['on', 'off'], default: undefined }),
      NODE_ENV: str({ default: undefined }),
      METRICS: str({ choices: ['on', 'off'], default: 'on' }),
      MMS_CACHE: str({ choices: ['on', 'off'], default: 'on' }),
      MMS_CACHE_TTL_TERMINAL_S: integerInRange(0, 86_400)({ default: 60 }),
      MMS_CACHE_TTL_ACTIVE_S: integerInRange(0, 86_400)({ default: 5 }),
      MMS_CACHE_TTL_MISSING_S: integerInRange(0, 86_400)({ default: 5 }),
      MMS_CACHE_TTL_LIST_S: integerInRange(0, 86_400)({ default: 5 }),
      MMS_CACHE_MAX_ENTRIES: integerInRange(1, 10_000_000)({ default: 10_000 }),
      REDIS_URL: url({ default: undefined }),
      REDIS_TIMEOUT_MS: integerInRange(1, 60_000)({ default: 50 }),
      OTEL_EXPORTER_OTLP_ENDPOINT: url({ default: undefined }),
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url({ default: undefined }),
      OTEL_TRACES_EXPORTER: str({ default: undefined }),
      CORS_ORIGINS: origins({ default: [] }),
      GATEWAY_API_KEYS: apiKeys({ default: [] }),
      GATEWAY_WRITE_API_KEYS: apiKeys({ default: [] }),
      JWT_WRITE_SCOPE: str({ default: 'mms:write' }),
      MMS_MUTATIONS: str({ choices: ['on', 'off'], default: 'off' }),
      JWT_SECRET: str({ default: undefined }),
      JWT_JWKS_URL: url({ default: undefined }),
      JWT_ISSUER: str({ default: undefined }),
      JWT_AUDIENCE: str({ default: undefined }),
      SHUTDOWN_GRACE_MS: integerInRange(0, 600_000)({ default: 10_000 }),
      LOG_LEVEL: str({ choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' }),
    },
    {
      reporter: ({ errors }) => {
        problems.push(...Object.entries(errors).map(([name, error]) => describeProblem(name, source[name], error)));
      },
    },
  );
  const production = clean.NODE_ENV === 'production';
  // Demo partitions must never pass for real ones: in production the emulator only runs when asked for.
  if (production && !options.emulator && source.MAXCOMPUTE_ENDPOINT === undefined && source.ALIBABA_CLOUD_REGION_ID === undefined) {
    problems.push(
      "NODE_ENV=production with neither MAXCOMPUTE_ENDPOINT nor ALIBABA_CLOUD_REGION_ID set would serve the embedded emulator's demo data: set one of them (or --endpoint), or pass --emulator to serve the emulator on purpose",
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const regionEndpoint: UpstreamEndpoint | null = clean.ALIBABA_CLOUD_REGION_ID
    ? { protocol: 'https', host: `maxcompute.${clean.ALIBABA_CLOUD_REGION_ID}.aliyuncs.com` }
    : null;

  const jwtConfigured = clean.JWT_SECRET !== undefined || clean.JWT_JWKS_URL !== undefined;
  return {
    port: clean.PORT,
    host: clean.HOST,
    production,
    endpoint: clean.MAXCOMPUTE_ENDPOINT ?? regionEndpoint,
    regionId: clean.ALIBABA_CLOUD_REGION_ID ?? null,
    maxConcurrency: clean.MMS_MAX_CONCURRENCY,
    timeoutMs: clean.MMS_TIMEOUT_MS,
    maxEntities: clean.MMS_MAX_ENTITIES,
    requestTimeoutMs: clean.REQUEST_TIMEOUT_MS,
    maxRetries: clean.MMS_RETRY_MAX,
    maxQps: clean.MMS_MAX_QPS === 0 ? null : clean.MMS_MAX_QPS,
    clusterQuota:
      clean.REDIS_URL !== undefined && clean.MMS_MAX_QPS > 0
        ? {
            redisUrl: clean.REDIS_URL,
            redisTimeoutMs: clean.REDIS_TIMEOUT_MS,
            expectedReplicas: clean.MMS_EXPECTED_REPLICAS,
            throttleCoolDownMs: clean.MMS_THROTTLE_COOLDOWN_MS,
          }
        : null,
    breakerThreshold: clean.MMS_BREAKER_THRESHOLD,
    breakerCooldownMs: clean.MMS_BREAKER_COOLDOWN_MS,
    maxKeysPerRequest: clean.MMS_MAX_KEYS_PER_REQUEST,
    maxBodyBytes: clean.MAX_BODY_BYTES,
    queryLimits: {
      maxDepth: clean.GRAPHQL_MAX_DEPTH,
      maxAliases: clean.GRAPHQL_MAX_ALIASES,
      maxTokens: clean.GRAPHQL_MAX_TOKENS,
      maxDirectives: clean.GRAPHQL_MAX_DIRECTIVES,
      maxCost: clean.GRAPHQL_MAX_COST,
    },
    introspection: clean.GRAPHQL_INTROSPECTION ?? !production,
    graphiql: clean.GRAPHIQL === undefined ? !production : clean.GRAPHIQL === 'on',
    corsOrigins: clean.CORS_ORIGINS,
    auth: {
      apiKeys: clean.GATEWAY_API_KEYS,
      jwt: jwtConfigured
        ? {
            secret: clean.JWT_SECRET ?? null,
            jwksUrl: clean.JWT_JWKS_URL ?? null,
            issuer: clean.JWT_ISSUER ?? null,
            audience: clean.JWT_AUDIENCE ?? null,
          }
        : null,
      writeApiKeys: clean.GATEWAY_WRITE_API_KEYS,
      writeScope: clean.JWT_WRITE_SCOPE,
    },
    mutations: clean.MMS_MUTATIONS === 'on',
    watch: {
      activeMs: clean.MMS_WATCH_ACTIVE_S * 1000,
      idleMs: clean.MMS_WATCH_IDLE_S * 1000,
      terminalMs: clean.MMS_WATCH_TERMINAL_S * 1000,
      maxPartitions: clean.MMS_WATCH_MAX_PARTITIONS,
      cluster:
        clean.REDIS_URL !== undefined
          ? { redisUrl: clean.REDIS_URL, redisTimeoutMs: clean.REDIS_TIMEOUT_MS, leaseMs: clean.MMS_WATCH_LEASE_S * 1000 }
          : null,
    },
    shutdownGraceMs: clean.SHUTDOWN_GRACE_MS,
    prettyLogs: clean.NODE_ENV === 'development',
    cache:
      clean.MMS_CACHE === 'on'
        ? {
            redisUrl: clean.REDIS_URL ?? null,
            redisTimeoutMs: clean.REDIS_TIMEOUT_MS,
            maxEntries: clean.MMS_CACHE_MAX_ENTRIES,
            terminalMs: clean.MMS_CACHE_TTL_TERMINAL_S * 1000,
            activeMs: clean.MMS_CACHE_TTL_ACTIVE_S * 1000,
            missingMs: clean.MMS_CACHE_TTL_MISSING_S * 1000,
            listMs: clean.MMS_CACHE_TTL_LIST_S * 1000,
          }
        : null,
    metrics: clean.METRICS === 'on',
    tracing:
      (clean.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined ||
        clean.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT !== undefined ||
        clean.OTEL_TRACES_EXPORTER !== undefined) &&
      clean.OTEL_TRACES_EXPORTER !== 'none',
    logLevel: clean.LOG_LEVEL,
  };
}

const SECRET_VARIABLES = new Set(['GATEWAY_API_KEYS', 'GATEWAY_WRITE_API_KEYS', 'JWT_SECRET']);

function describeProblem(name: string, value: string | undefined, error: Error | undefined): string {
  const shown =
    value === undefined || SECRET_VARIABLES.has(name)
      ? ''
      : ` (got ${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)})`;
  const reason = error?.message ?? 'is invalid';
  return `${name}${shown}: ${reason.replace(/^Invalid \w+ input: /, 'invalid value ')}`;
}
