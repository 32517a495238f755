import type { UpstreamAction } from '../action.js';
import { GET_MMS_DATA_SOURCE, LIST_MMS_DATA_SOURCES } from './data-source.js';
import { GET_MMS_DB, LIST_MMS_DBS } from './database.js';
import { GET_MMS_JOB, LIST_MMS_JOBS, RETRY_MMS_JOB, START_MMS_JOB, STOP_MMS_JOB } from './job.js';
import { GET_MMS_PARTITION, LIST_MMS_PARTITIONS } from './partition.js';
import { GET_MMS_TABLE, LIST_MMS_TABLES } from './table.js';
import { GET_MMS_TASK, LIST_MMS_TASK_LOGS, LIST_MMS_TASKS } from './task.js';

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
  LIST_MMS_JOBS,
  GET_MMS_JOB,
  LIST_MMS_TASKS,
  GET_MMS_TASK,
  LIST_MMS_TASK_LOGS,
  START_MMS_JOB,
  STOP_MMS_JOB,
  RETRY_MMS_JOB,
];
