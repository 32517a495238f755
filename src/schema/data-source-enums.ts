import type { DataSourceStatus, DataSourceType } from '../upstream/actions/data-source.js';
import { builder } from './builder.js';

export const MmsDataSourceType = builder.enumType('MmsDataSourceType', {
  description: 'The kind of system a data source is.',
  values: {
    HIVE: { value: 'HIVE', description: 'Apache Hive.' },
    BIGQUERY: { value: 'BIGQUERY', description: 'Google BigQuery.' },
    MAXCOMPUTE: { value: 'MAXCOMPUTE', description: 'Another MaxCompute.' },
  } as const satisfies Record<DataSourceType, { value: DataSourceType; description: string }>,
});

export const MmsDataSourceStatus = builder.enumType('MmsDataSourceStatus', {
  description: "The state of a data source's MMA instance.",
  values: {
    STARTING: { value: 'STARTING', description: 'Starting.' },
    STARTED: { value: 'STARTED', description: 'Running.' },
    STOPPING: { value: 'STOPPING', description: 'Stopping.' },
    STOPPED: { value: 'STOPPED', description: 'Stopped.' },
    START_FAILED: { value: 'START_FAILED', description: 'Starting failed: see `errorMessage`.' },
    STOP_FAILED: { value: 'STOP_FAILED', description: 'Stopping failed: see `errorMessage`.' },
  } as const satisfies Record<DataSourceStatus, { value: DataSourceStatus; description: string }>,
});
