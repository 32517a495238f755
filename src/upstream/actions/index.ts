import type { UpstreamAction } from '../action.js';
import { GET_MMS_DATA_SOURCE, LIST_MMS_DATA_SOURCES } from './data-source.js';
import { GET_MMS_DB, LIST_MMS_DBS } from './database.js';
import { GET_MMS_PARTITION, LIST_MMS_PARTITIONS } from './partition.js';
import { GET_MMS_TABLE, LIST_MMS_TABLES } from './table.js';

/** Every action the gateway calls: the emulator serves exactly these, by the same descriptions. */
export const MMS_ACTIONS: readonly UpstreamAction<unknown>[] = [
  LIST_MMS_DATA_SOURCES,
  GET_MMS_DATA_SOURCE,
  LIST_MMS_DBS,
  GET_MMS_DB,
  LIST_MMS_TABLES,
  GET_MMS_TABLE,
  LIST_MMS_PARTITIONS,
  GET_MMS_PARTITION,
];
