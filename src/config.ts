import { isIP } from 'node:net';
import { cleanEnv, EnvError, host, makeValidator, str } from 'envalid';

/** Where the upstream MaxCompute API is, as the client library needs it. */
export interface UpstreamEndpoint {
  protocol: 'http' | 'https';
  /** Host name with `:port` when one is given; this is also the signed `host` header. */
  host: string;
}

export interface Config {
  port: number;
  host: string;
  /** null: no cloud endpoint configured, so the embedded emulator serves as upstream. */
  endpoint: UpstreamEndpoint | null;
  regionId: string | null;
  maxConcurrency: number;
  timeoutMs: number;
  /** Representations one `_entities` request may carry. */
  maxEntities: number;
  logLevel: string;
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

/** Reads and validates the gateway's environment; throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const clean = cleanEnv(
    env,
    {
      PORT: integerInRange(0, 65_535)({ default: 4000 }),
      HOST: host({ default: '127.0.0.1' }),
      MAXCOMPUTE_ENDPOINT: endpoint({ default: undefined }),
      ALIBABA_CLOUD_REGION_ID: regionId({ default: undefined }),
      MMS_MAX_CONCURRENCY: integerInRange(1, 1024)({ default: 16 }),
      MMS_TIMEOUT_MS: integerInRange(100, 600_000)({ default: 10_000 }),
      MMS_MAX_ENTITIES: integerInRange(1, 100_000)({ default: 500 }),
      LOG_LEVEL: str({ choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' }),
    },
    {
      reporter: ({ errors }) => {
        const problems = Object.entries(errors).map(([name, error]) => describeProblem(name, env[name], error));
        if (problems.length > 0) throw new ConfigError(problems);
      },
    },
  );

  const regionEndpoint: UpstreamEndpoint | null = clean.ALIBABA_CLOUD_REGION_ID
    ? { protocol: 'https', host: `maxcompute.${clean.ALIBABA_CLOUD_REGION_ID}.aliyuncs.com` }
    : null;

  return {
    port: clean.PORT,
    host: clean.HOST,
    endpoint: clean.MAXCOMPUTE_ENDPOINT ?? regionEndpoint,
    regionId: clean.ALIBABA_CLOUD_REGION_ID ?? null,
    maxConcurrency: clean.MMS_MAX_CONCURRENCY,
    timeoutMs: clean.MMS_TIMEOUT_MS,
    maxEntities: clean.MMS_MAX_ENTITIES,
    logLevel: clean.LOG_LEVEL,
  };
}

function describeProblem(name: string, value: string | undefined, error: Error | undefined): string {
  const shown = value === undefined ? '' : ` (got ${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)})`;
  const reason = error instanceof EnvError || !error ? (error?.message ?? 'is invalid') : error.message;
  return `${name}${shown}: ${reason.replace(/^Invalid \w+ input: /, 'invalid value ')}`;
}
