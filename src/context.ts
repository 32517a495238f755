import type { Logger } from 'pino';
import { createPartitionLoader, type PartitionLoader } from './loaders/partition-loader.js';
import type { MmsClient } from './upstream/mms-client.js';

/** Per-request state: loaders are created here and never shared between requests. */
export interface GatewayContext {
  partitions: PartitionLoader;
  logger: Logger;
}

export function createContext(client: MmsClient, logger: Logger): GatewayContext {
  return { partitions: createPartitionLoader(client), logger };
}
