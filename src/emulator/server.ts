import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { stringify } from 'lossless-json';
import { LRUCache } from 'lru-cache';
import { MMS_API_VERSION, QueryFormError, readWireQuery } from '../upstream/action.js';
import {
  demoDataSet,
  demoInventory,
  type EmulatedPartition,
  PUBLISHED_EXAMPLE_KEY,
  PUBLISHED_EXAMPLE_REQUEST_ID,
  partitionKey,
} from './data.js';
import { advanceJobs, type InventoryStore, inventoryStore, type JobClock } from './inventory.js';
import { startMovingDemo } from './job-data.js';
import { matchRoute, type Route } from './routes.js';
import { EMPTY_BODY_SHA256, parseAuthorization, type SignableRequest, sign, signaturesEqual } from './signature.js';

// A local stand-in for the MaxCompute MMS actions the gateway calls: the same methods and paths
// (from the gateway's own action descriptions), the same signature checks, the same success and
// error shapes as the published documentation, plus hooks for tests.

const DATE_WINDOW_MS = 15 * 60 * 1000;
const REQUIRED_SIGNED_HEADERS = ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'];

export interface EmulatorCredential {
  accessKeyId: string;
  accessKeySecret: string;
  /** When set, the key pair is an STS one and requests must carry this token. */
  securityToken?: string;
}

/**
 * What a chosen partition answers instead of its data; with `times`, only for that many
 * calls, after which it answers normally again (e.g. throttled once, then fine).
 */
export type Fault = (
  | { kind: 'error'; status: number; code: string; message?: string; shape?: 'pop' | 'service'; headers?: Record<string, string> }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'slow'; ms: number }
  | { kind: 'malformed'; status?: number; body: string; contentType?: string }
) & { times?: number };

export interface EmulatorOptions {
  credentials?: EmulatorCredential[];
  data?: Map<string, EmulatedPartition>;
  /** With `data`: serve the demo inventory with `data`'s partitions added to it, rather than `data` alone. */
  withDemo?: boolean;
  /** Delay before every answer, in milliseconds. */
  latencyMs?: number;
  /** How long each step of a running migration task takes, in milliseconds (default 4000). */
  jobStepMs?: number;
  /**
   * Sets two demo jobs going at start-up (`npm start`'s embedded emulator), so that live status
   * has something to show: page_views_recent's waiting batches move INIT → DOING → DONE, a step
   * every `jobStepMs`, their partitions with them, and staging_orders_new's task fails its data
   * step, leaving one partition FAILED (MOVING_DEMO in job-data.ts).
   */
  movingDemo?: boolean;
  host?: string;
  port?: number;
}

export interface EmulatorStats {
  /** Requests that reached the partition route, signed or not. */
  total: number;
  /** Calls by canonical key: `sourceId/partitionId` for GetMmsPartition, `<action>:<ids>` for the others. */
  perKey: Record<string, number>;
  /** Calls by action. */
  perAction: Record<string, number>;
  inFlight: number;
  maxInFlight: number;
  /**
   * Raw paths of requests no action has, or whose path IDs are not decimal; `<METHOD> <path>`
   * for a path an action has with another method.
   */
  unexpectedPaths: string[];
  /** TCP connections accepted: shows whether the client reuses its connections. */
  connections: number;
}

export interface Emulator {
  readonly url: string;
  /** The endpoint as `host:port`, as the client library's `endpoint` expects it. */
  readonly endpoint: string;
  readonly credentials: EmulatorCredential[];
  readonly data: Map<string, EmulatedPartition>;
  latencyMs: number;
  /** The step interval of running migration tasks (applies to the steps scheduled from then on). */
  jobStepMs: number;
  setFault(sourceId: string | number, partitionId: string | number, fault: Fault | null): void;
  /** A fault for the calls of any action with these path IDs (e.g. `GetMmsDataSource`, `[200018]`). */
  setCallFault(action: string, ids: (string | number)[], fault: Fault | null): void;
  /** Calls made of one action with these path IDs. */
  callsOf(action: string, ids?: (string | number)[]): number;
  /** The whole inventory the emulator answers from (its `partitions` are `data`). */
  readonly store: InventoryStore;
  /** Upstream calls made for one partition (as the gateway canonicalises it). */
  calls(sourceId: string | number, partitionId: string | number): number;
  /** When each of those calls arrived (`performance.now()` of this process), oldest first. */
  callTimes(sourceId: string | number, partitionId: string | number): number[];
  stats(): EmulatorStats;
  reset(): void;
  close(): Promise<void>;
}

const PUBLISHED_PARTITION = partitionKey(PUBLISHED_EXAMPLE_KEY.sourceId, PUBLISHED_EXAMPLE_KEY.partitionId);

/** How calls are counted and faulted: GetMmsPartition by `sourceId/partitionId`, the others as `<action>:<ids>`. */
function callKeyOf(action: string, ids: readonly string[]): string {
  const canonical = ids.map((value) => BigInt(value).toString());
  return action === 'GetMmsPartition' ? partitionKey(canonical[0] ?? '', canonical[1] ?? '') : `${action}:${canonical.join('/')}`;
}

/** Generates a fresh AccessKey pair in the cloud's format. */
export function generateCredential(): EmulatorCredential {
  return {
    accessKeyId: `LTAI${randomBytes(10).toString('hex').toUpperCase()}`,
    accessKeySecret: randomBytes(15).toString('base64url'),
  };
}

class UpstreamRefusal {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
  ) {}
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const credentials = options.credentials ?? [generateCredential()];
  const secrets = new Map(credentials.map((c) => [c.accessKeyId, c]));
  const data = options.data && !options.withDemo ? options.data : new Map([...demoDataSet(), ...(options.data ?? [])]);
  // The demo inventory around the demo partitions; a data set of partitions alone has no sources, dbs or tables.
  const store = options.data && !options.withDemo ? inventoryStore({}, data) : demoInventory(data);
  const faults = new Map<string, Fault>();
  // Nonces are remembered for twice the date window, so no replay inside it can pass.
  const nonces = new LRUCache<string, true>({ max: 1_000_000, ttl: 2 * DATE_WINDOW_MS });
  const sockets = new Set<Socket>();
  const pendingTimers = new Set<NodeJS.Timeout>();
  let stats: EmulatorStats = { total: 0, perKey: {}, perAction: {}, inFlight: 0, maxInFlight: 0, unexpectedPaths: [], connections: 0 };
  let arrivals = new Map<string, number[]>();

  const emulator = {
    latencyMs: options.latencyMs ?? 0,
    jobStepMs: options.jobStepMs ?? 4000,
  };
  const clock = (): JobClock => ({ now: Date.now(), stepMs: Math.max(0, emulator.jobStepMs) });
  if (options.movingDemo) startMovingDemo(store, clock());

  function verify(req: IncomingMessage, rawPath: string, rawQuery: string, action: string): void {
    const header = (name: string) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(',') : value;
    };
    const auth = parseAuthorization(header('authorization'));
    if (!auth) throw new UpstreamRefusal(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
    const credential = secrets.get(auth.accessKeyId);
    if (!credential) throw new UpstreamRefusal(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    const signed = auth.signedHeaders.map((h) => h.toLowerCase());
    const missing = REQUIRED_SIGNED_HEADERS.filter((h) => !signed.includes(h) || header(h) === undefined);
    if (missing.length > 0) {
      throw new UpstreamRefusal(400, 'IncompleteSignature', `The request signature does not cover: ${missing.join(', ')}.`);
    }
    const date = header('x-acs-date') ?? '';
    const time = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(date) ? Date.parse(date) : Number.NaN;
    if (Number.isNaN(time))
      throw new UpstreamRefusal(400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.');
    if (Math.abs(Date.now() - time) > DATE_WINDOW_MS) {
      throw new UpstreamRefusal(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    }
    // Every action served takes an empty body (the control actions' parameters are all in the path).
    const length = header('content-length');
    const hasBody = (length !== undefined && length !== '0') || header('transfer-encoding') !== undefined;
    if (header('x-acs-content-sha256') !== EMPTY_BODY_SHA256 || hasBody) {
      throw new UpstreamRefusal(400, 'SignatureDoesNotMatch', 'The x-acs-content-sha256 header does not match the request body.');
    }
    if (credential.securityToken !== undefined) {
      const token = header('x-acs-security-token');
      if (!token || !signed.includes('x-acs-security-token')) {
        throw new UpstreamRefusal(400, 'InvalidSecurityToken.Malformed', 'Specified SecurityToken is malformed.');
      }
      if (token !== credential.securityToken || header('x-acs-accesskey-id') !== credential.accessKeyId) {
        throw new UpstreamRefusal(
          400,
          'InvalidSecurityToken.MismatchWithAccessKey',
          'Specified SecurityToken mismatch with the AccessKey.',
        );
      }
    }
    const request: SignableRequest = {
      method: req.method ?? 'GET',
      rawPath,
      rawQuery,
      headers: Object.fromEntries(signed.map((name) => [name, header(name)])),
      signedHeaders: signed,
      bodySha256: EMPTY_BODY_SHA256,
    };
    if (!signaturesEqual(sign(request, credential.accessKeySecret), auth.signature)) {
      throw new UpstreamRefusal(
        400,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided.',
      );
    }
    const nonce = header('x-acs-signature-nonce') ?? '';
    if (nonces.has(nonce)) throw new UpstreamRefusal(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    nonces.set(nonce, true);
    if (header('x-acs-action') !== action)
      throw new UpstreamRefusal(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
    // A wrong version is refused as an unknown API, as the provider does: with HTTP 404.
    if (header('x-acs-version') !== MMS_API_VERSION)
      throw new UpstreamRefusal(404, 'InvalidVersion', 'Specified parameter Version is not valid.');
  }

  function send(
    res: ServerResponse,
    status: number,
    body: string,
    requestId: string,
    contentType = 'application/json;charset=utf-8',
    extra: Record<string, string> = {},
  ): void {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': contentType, 'x-acs-request-id': requestId.trim(), ...extra });
    res.end(body);
  }

  /** The fault for `key`, if any, counting down a limited one. */
  function takeFault(key: string): Fault | undefined {
    const fault = faults.get(key);
    if (fault?.times !== undefined) {
      if (fault.times <= 1) faults.delete(key);
      else faults.set(key, { ...fault, times: fault.times - 1 });
    }
    return fault;
  }

  function notFound(res: ServerResponse, requestId: string, what: string): void {
    send(res, 404, JSON.stringify({ requestId, code: 'NotFound', message: `${what} does not exist.` }), requestId);
  }

  function invalidParameter(res: ServerResponse, requestId: string, message: string): void {
    send(res, 400, JSON.stringify({ requestId, code: 'InvalidParameter', message }), requestId);
  }

  /** The record or page the route answers, or a 404 or 400 in the service's shape. */
  function answerCall(
    res: ServerResponse,
    route: Route,
    path: Readonly<Record<string, string>>,
    rawQuery: string,
    requestId: string,
  ): void {
    let data: unknown;
    try {
      const query = readWireQuery(route.action, new URLSearchParams(rawQuery).entries());
      // Steps of running tasks fall due by time: they are applied just before a call is answered,
      // never by a timer, so an answer delayed by latency or a fault sees those that fell due meanwhile.
      const now = clock();
      advanceJobs(store, now);
      data = route.answer(store, path, query, now);
    } catch (error) {
      if (!(error instanceof QueryFormError)) throw error;
      invalidParameter(res, requestId, error.message);
      return;
    }
    if (data === null || data === undefined) {
      // What is missing: a Get's record, else the record the last path ID names (the job of StartMmsJob, the task of its logs).
      const last = route.names.at(-1) ?? '';
      const entity =
        route.action.kind === 'get' ? route.action.name.replace(/^Get/, '') : `Mms${last.charAt(0).toUpperCase()}${last.slice(1, -2)}`;
      notFound(res, requestId, `${entity} ${Object.values(path).join('/')}`);
      return;
    }
    const published = route.action.name === 'GetMmsPartition' && data === store.partitions.get(PUBLISHED_PARTITION);
    const responseId = published ? PUBLISHED_EXAMPLE_REQUEST_ID : requestId;
    send(res, 200, stringify({ requestId: responseId, data }) ?? '{}', responseId);
  }

  function answer(req: IncomingMessage, res: ServerResponse): void {
    const requestId = randomUUID().toUpperCase();
    const [rawPath = '', rawQuery = ''] = (req.url ?? '').split(/\?(.*)/s, 2);
    if (rawPath === '/_emulator/stats' && req.method === 'GET') {
      send(res, 200, JSON.stringify(stats), requestId);
      return;
    }
    const matched = matchRoute(req.method ?? 'GET', rawPath);
    if (!matched || matched === 'wrong-method') {
      // The provider finds an ROA API by method and path: a path served with another method is no API either.
      stats.unexpectedPaths.push(matched ? `${req.method} ${req.url ?? ''}` : (req.url ?? ''));
      send(
        res,
        404,
        JSON.stringify({
          RequestId: requestId,
          HostId: req.headers.host,
          Code: 'InvalidAction.NotFound',
          Message: matched ? 'Specified api is not found, please check your url and method.' : 'Specified api is not found.',
        }),
        requestId,
      );
      return;
    }
    const { route, path } = matched;
    const decimal = Object.values(path).every((value) => /^\d+$/.test(value));
    if (!decimal) stats.unexpectedPaths.push(req.url ?? '');
    // Calls are counted and faulted by action and canonical path IDs (GetMmsPartition by `sourceId/partitionId` alone).
    const key = decimal ? callKeyOf(route.action.name, Object.values(path)) : null;
    stats.total += 1;
    stats.perAction[route.action.name] = (stats.perAction[route.action.name] ?? 0) + 1;
    if (key) {
      stats.perKey[key] = (stats.perKey[key] ?? 0) + 1;
      const times = arrivals.get(key) ?? [];
      // Only the latest few: enough to measure retry gaps, never a growing log under load.
      if (times.push(performance.now()) > 16) times.shift();
      arrivals.set(key, times);
    }
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    let settled = false;
    const settle = () => {
      if (!settled) {
        settled = true;
        stats.inFlight -= 1;
      }
    };
    res.on('close', settle);

    const respond = () => {
      try {
        verify(req, rawPath, rawQuery, route.action.name);
      } catch (error) {
        if (!(error instanceof UpstreamRefusal)) throw error;
        const body = {
          RequestId: requestId,
          HostId: req.headers.host,
          Code: error.code,
          Message: error.message,
          Recommend: `https://api.aliyun.com/troubleshoot?q=${error.code}`,
        };
        send(res, error.status, JSON.stringify(body), requestId);
        return;
      }
      if (!key) {
        invalidParameter(res, requestId, `${route.names.join(' and ')} must be integers.`);
        return;
      }
      const fault = takeFault(key);
      if (fault?.kind === 'hang') return;
      if (fault?.kind === 'slow') {
        const timer = setTimeout(() => {
          pendingTimers.delete(timer);
          answerCall(res, route, path, rawQuery, requestId);
        }, fault.ms);
        pendingTimers.add(timer);
        return;
      }
      if (fault?.kind === 'reset') {
        req.socket.resetAndDestroy();
        return;
      }
      if (fault?.kind === 'malformed') {
        send(res, fault.status ?? 200, fault.body, requestId, fault.contentType ?? 'application/json;charset=utf-8');
        return;
      }
      if (fault?.kind === 'error') {
        const message = fault.message ?? `${fault.code} (emulated)`;
        const body =
          fault.shape === 'service'
            ? { requestId, code: fault.code, message }
            : {
                RequestId: requestId,
                HostId: req.headers.host,
                Code: fault.code,
                Message: message,
                Recommend: `https://api.aliyun.com/troubleshoot?q=${fault.code}`,
              };
        send(res, fault.status, JSON.stringify(body), requestId, undefined, fault.headers);
        return;
      }
      answerCall(res, route, path, rawQuery, requestId);
    };

    if (emulator.latencyMs > 0) {
      const timer = setTimeout(() => {
        pendingTimers.delete(timer);
        respond();
      }, emulator.latencyMs);
      pendingTimers.add(timer);
    } else {
      respond();
    }
  }

  const server: Server = createServer((req, res) => {
    // Every action served has an empty body; drain any sent anyway so keep-alive connections stay usable.
    req.resume();
    try {
      answer(req, res);
    } catch {
      if (!res.headersSent)
        send(
          res,
          500,
          JSON.stringify({ Code: 'InternalError', Message: 'The request processing has failed due to some unknown error.' }),
          randomUUID(),
        );
    }
  });
  server.keepAliveTimeout = 30_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    stats.connections += 1;
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const endpoint = `${hostForUrl}:${address.port}`;

  return Object.assign(emulator, {
    url: `http://${endpoint}`,
    endpoint,
    credentials,
    data,
    store,
    setCallFault(action: string, ids: (string | number)[], fault: Fault | null) {
      const key = callKeyOf(action, ids.map(String));
      if (fault) faults.set(key, fault);
      else faults.delete(key);
    },
    callsOf(action: string, ids?: (string | number)[]) {
      return ids === undefined ? (stats.perAction[action] ?? 0) : (stats.perKey[callKeyOf(action, ids.map(String))] ?? 0);
    },
    setFault(sourceId: string | number, partitionId: string | number, fault: Fault | null) {
      const key = partitionKey(BigInt(sourceId), BigInt(partitionId));
      if (fault) faults.set(key, fault);
      else faults.delete(key);
    },
    calls(sourceId: string | number, partitionId: string | number) {
      return stats.perKey[partitionKey(BigInt(sourceId), BigInt(partitionId))] ?? 0;
    },
    callTimes(sourceId: string | number, partitionId: string | number) {
      return [...(arrivals.get(partitionKey(BigInt(sourceId), BigInt(partitionId))) ?? [])];
    },
    stats: () => structuredClone(stats),
    reset() {
      faults.clear();
      emulator.latencyMs = options.latencyMs ?? 0;
      emulator.jobStepMs = options.jobStepMs ?? 4000;
      stats = {
        total: 0,
        perKey: {},
        perAction: {},
        inFlight: stats.inFlight,
        maxInFlight: stats.inFlight,
        unexpectedPaths: [],
        connections: 0,
      };
      arrivals = new Map();
    },
    close: async () => {
      for (const timer of pendingTimers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
