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

/** `request.signal` aborts when the client goes away; the deadline bounds the rest. */
export function createContext({ client, logger, limits }: ContextDependencies, request: Request): GatewayContext {
  const signal = AbortSignal.any([request.signal, AbortSignal.timeout(limits.requestTimeoutMs)]);
  return { partitions: createPartitionLoader(client, { maxKeys: limits.maxKeysPerRequest, signal }), logger, limits };
}
