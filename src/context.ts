import type { Logger } from 'pino';
import { createPartitionLoader, type PartitionLoader } from './loaders/partition-loader.js';
import type { MmsClient } from './upstream/mms-client.js';

export interface RequestLimits {
  /** Representations one `_entities` call may ask for. */
  maxEntities: number;
  /** Distinct partitions one request may fetch. */
  maxKeysPerRequest: number;
  /** Bound of all upstream work of one request, retries included. */
  requestTimeoutMs: number;
}

/** Per-request state: loaders are created here and never shared between requests. */
export interface GatewayContext {
  partitions: PartitionLoader;
  logger: Logger;
  limits: RequestLimits;
}

export interface ContextDependencies {
  client: MmsClient;
  logger: Logger;
  limits: RequestLimits;
}

const releases = new WeakMap<Request, () => void>();

/**
 * The request's upstream work stops when its client goes away (`request.signal`) or its
 * deadline passes. The deadline timer is cleared as soon as the response is sent
 * (`releaseRequest`), so a busy gateway does not keep thousands of idle timers alive.
 */
export function createContext({ client, logger, limits }: ContextDependencies, request: Request): GatewayContext {
  const upstreamWork = new AbortController();
  const stop = () => upstreamWork.abort();
  const deadline = setTimeout(stop, limits.requestTimeoutMs);
  deadline.unref();
  request.signal.addEventListener('abort', stop, { once: true });
  releases.set(request, () => {
    clearTimeout(deadline);
    request.signal.removeEventListener('abort', stop);
  });
  return { partitions: createPartitionLoader(client, { maxKeys: limits.maxKeysPerRequest, signal: upstreamWork.signal }), logger, limits };
}

/** Clears the request's deadline once its response is on its way. */
export function releaseRequest(request: Request): void {
  releases.get(request)?.();
  releases.delete(request);
}
