import type { Logger } from 'pino';
import { createPartitionLoader, type PartitionLoader } from './loaders/partition-loader.js';
import type { MmsClient } from './upstream/mms-client.js';

export interface RequestLimits {
  /** Representations one `_entities` call may ask for. */
  maxEntities: number;
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

export function createContext({ client, logger, limits }: ContextDependencies): GatewayContext {
  return { partitions: createPartitionLoader(client), logger, limits };
}
