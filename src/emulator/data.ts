import { readFile } from 'node:fs/promises';
import { isLosslessNumber, parse } from 'lossless-json';
import {
  type ColumnRecord,
  type ConfigItem,
  type DataSourceRecord,
  type DbRecord,
  type InventoryStore,
  inventoryStore,
  type TableRecord,
} from './inventory/records.js';
import { addDemoJobs } from './job-data.js';

/**
 * One partition as GetMmsPartition's `data` object. Integers may be bigint so that values
 * beyond 2^53 are served exactly as the cloud would send them.
 */
export type EmulatedPartition = Record<string, string | number | bigint | boolean | null>;

/** The published example, verbatim, stray newlines included. */
export const PUBLISHED_EXAMPLE: EmulatedPartition = {
  id: 2323,
  dbId: 0,
  tableId: 23,
  dbName: 'd1',
  tableName: 't1',
  value: 'p1=1/p2=abc\n',
  dstProjectName: 'mms_test',
  dstSchemaName: 'default',
  dstTableName: 'test',
  dstValue: 'p1=1/p2=abc',
  sourceId: 200018,
  sourceName: 'demo',
  size: 12323,
  numRows: 2323,
  updated: false,
  lastDdlTime: '2024-12-17 15:44:42\n',
  status: 'DONE',
};

/** The published example's IDs as the gateway and the API's path carry them (decimal strings). */
export const PUBLISHED_EXAMPLE_KEY = { sourceId: String(PUBLISHED_EXAMPLE.sourceId), partitionId: String(PUBLISHED_EXAMPLE.id) } as const;

export const PUBLISHED_EXAMPLE_REQUEST_ID = 'D9F872FD-5DDE-30A6-8C8A-1B8C6A81059F\n';

const STATUSES = ['INIT', 'DOING', 'DONE', 'FAILED'] as const;

interface DemoSource {
  sourceId: number;
  sourceName: string;
  dbId: number;
  dbName: string;
  dstProjectName: string | null;
  tables: { tableId: number; tableName: string; firstPartitionId: number; specs: string[] }[];
}

// Deterministic: every figure is derived from the partition's position, never from a clock
// or a random source, so tests and demos see the same data set on every start.
const DEMO_SOURCES: DemoSource[] = [
  {
    sourceId: 200019,
    sourceName: 'hive_prod',
    dbId: 7,
    dbName: 'sales',
    dstProjectName: 'mms_sales',
    tables: [
      {
        tableId: 71,
        tableName: 'orders',
        firstPartitionId: 3001,
        specs: ['dt=2024-12-01/region=cn', 'dt=2024-12-01/region=us', 'dt=2024-12-02/region=cn', 'dt=2024-12-02/region=us'],
      },
      {
        tableId: 72,
        tableName: 'clicks',
        firstPartitionId: 3101,
        // Hive escapes '/', '=', ':' and '%' inside partition values.
        specs: ['url=https%3A%2F%2Fexample.com%2Fa%3Db/day=1', 'path=%2Fhome%2Fuser/ratio=100%25'],
      },
    ],
  },
  {
    sourceId: 200020,
    sourceName: 'bigquery_analytics',
    dbId: 9,
    dbName: 'events',
    dstProjectName: null,
    tables: [{ tableId: 91, tableName: 'raw_events', firstPartitionId: 4001, specs: ['hour=2024121700', 'hour=2024121701'] }],
  },
];

function demoPartitions(): EmulatedPartition[] {
  const partitions: EmulatedPartition[] = [{ ...PUBLISHED_EXAMPLE }];
  let position = 0;
  for (const source of DEMO_SOURCES) {
    for (const table of source.tables) {
      table.specs.forEach((spec, index) => {
        position += 1;
        const partition: EmulatedPartition = {
          id: table.firstPartitionId + index,
          dbId: source.dbId,
          tableId: table.tableId,
          dbName: source.dbName,
          tableName: table.tableName,
          value: spec,
          sourceId: source.sourceId,
          sourceName: source.sourceName,
          // Above 2^31 and 2^32 on purpose: sizes of real partitions are.
          size: position % 3 === 0 ? 5_000_000_000 : position % 3 === 1 ? 2_500_000_000 + position : 1024 * position,
          numRows: position % 2 === 0 ? 3_000_000_000 + position : 1000 * position,
          updated: position % 4 === 0,
          lastDdlTime: `2024-12-${String(10 + position).padStart(2, '0')} 0${position % 10}:15:00`,
          status: STATUSES[position % STATUSES.length] ?? 'INIT',
        };
        // A source whose partitions carry no destination fields at all.
        if (source.dstProjectName) {
          Object.assign(partition, {
            dstProjectName: source.dstProjectName,
            dstSchemaName: 'default',
            dstTableName: table.tableName,
            dstValue: spec,
          });
        }
        partitions.push(partition);
      });
    }
  }
  return partitions;
}

export function partitionKey(sourceId: string | number | bigint, partitionId: string | number | bigint): string {
  return `${sourceId}/${partitionId}`;
}

export function indexPartitions(partitions: EmulatedPartition[]): Map<string, EmulatedPartition> {
  const index = new Map<string, EmulatedPartition>();
  for (const partition of partitions) {
    const { sourceId, id } = partition;
    if (!isInteger(sourceId) || !isInteger(id)) throw new Error('every partition needs integer "sourceId" and "id"');
    index.set(partitionKey(sourceId, id), partition);
  }
  return index;
}

function isInteger(value: unknown): value is number | bigint {
  return typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value));
}

/** The built-in demo data set: the published example plus several sources, tables and partitions. */
export function demoDataSet(): Map<string, EmulatedPartition> {
  return indexPartitions([...demoPartitions(), ...inventoryPartitions()]);
}

/**
 * The demo inventory: data sources, databases and tables around the demo partitions, and the
 * demo jobs (job-data.ts). Pass the partitions map the emulator serves, so that partitions set
 * in it count and list.
 */
export function demoInventory(partitions: Map<string, EmulatedPartition> = demoDataSet()): InventoryStore {
  const store = inventoryStore({ sources: demoSources(), dbs: demoDbs(), tables: demoTables() }, partitions);
  addDemoJobs(store);
  return store;
}

/**
 * Loads a data set from a JSON file: an array of partition objects shaped like
 * GetMmsPartition's `data`. Integers keep every digit (bigint beyond 2^53).
 */
export async function loadDataSet(file: string): Promise<Map<string, EmulatedPartition>> {
  const parsed = parse(await readFile(file, 'utf8'), undefined, (digits) => {
    const asNumber = Number(digits);
    return Number.isSafeInteger(asNumber) || !/^-?\d+$/.test(digits) ? asNumber : BigInt(digits);
  });
  if (!Array.isArray(parsed)) throw new Error(`${file}: expected a JSON array of partitions`);
  return indexPartitions(
    parsed.map((item, i) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item) || isLosslessNumber(item)) {
        throw new Error(`${file}: item ${i} is not an object`);
      }
      return item as EmulatedPartition;
    }),
  );
}

// The demo inventory around the partitions above. Every partition of the demo set belongs
// to a table and a database here. Statuses are chosen so that each documented value
// appears: data sources STARTING to STOP_FAILED; tables and databases INIT, DOING, DONE,
// PART_DONE and FAILED (rolled up from their partitions or tables, see inventory/census.ts).
//
//   200018 demo (HIVE, STARTED)          db 0 d1: 23 t1 (2323), 24 t1_dim
//                                        db 1 d2: 25 t2, 26 t3 (2601–2603)
//                                        db 2 d_empty
//   200019 hive_prod (HIVE, STARTED)     db 6 legacy_reports (deleted)
//                                        db 7 sales: 71 orders (3001–3004), 72 clicks (3101–3102),
//                                                    73 page_views (8001–8250), 74 customers
//                                        db 8 staging: 81 orders_tmp, 82 orders_new (3201–3202)
//   200020 bigquery_analytics (BIGQUERY, STOPPING)
//                                        db 9 events: 91 raw_events (4001–4002), 92 sessions
//                                        db 10 ml_features: 101 embeddings
//   200021 mc_archive (MAXCOMPUTE, STOPPED)   db 11 finance_2023: 111 ledger, 112 audit_log (9101–9103)
//   200022 hive_staging (HIVE, START_FAILED)  no databases (never reached)
//   200023 mc_backup (MAXCOMPUTE, STOP_FAILED) db 12 backup: 121 snapshots
//   200024 hive_dev (HIVE, STARTING)          no databases yet
//
// The demo jobs (job-data.ts), tasks in brackets. Every task status appears; job statuses are
// computed from the tasks (inventory/jobs.ts). Log entries are unique across the store, from
// 100001; every task has an INIT entry (`show create table ...`) and one per step it took.
//
//   200018 demo     10 migrate_db_1 (Tables d1 [t1], DOING): 2323 t1 DATA_DOING, running; its
//                      partitions hold the published example's spec p1=1/p2=abc
//   200019 hive_prod, into mms_sales.default unless said
//                   501 sales_daily (Database sales, blacklist customers, timer 31, DONE):
//                      5101 orders, 5102 clicks, 5103 page_views, all DONE; 5101's DATA_DONE
//                      entry is written DATA_DONG, as the log page spells it
//                   502 sales_orders_fix (Tables orders, clicks; orders → orders_v2, FAILED):
//                      5201 orders DATA_FAILED (its last entry is the error), 5202 clicks
//                      VERIFICATION_FAILED
//                   503 page_views_history (Partitions 8001–8150, timer 32, FAILED): 5301–5330,
//                      5 partitions each; 5308, 5315, 5323, 5330 (over the FAILED 8037, 8074,
//                      8111, 8148) DATA_FAILED, the others DONE
//                   504 page_views_recent (Partitions 8151–8250, timer 32, DOING): 5401–5420,
//                      5 partitions each; 5401 SCHEMA_DOING, 5402 SCHEMA_DONE, 5403 DATA_DOING,
//                      5404 DATA_DONE (running), 5407 (8181–8185) SCHEMA_FAILED, 5415
//                      (8221–8225) VERIFICATION_DOING (running), the others INIT
//                   505 staging_orders_new (Tables staging [orders_new], mms_staging, INIT): 5501 INIT
//                   506 staging_orders_tmp (Tables staging [orders_tmp], mms_staging, DOING,
//                      stopped): 5601 VERIFICATION_DONE, stopped
//   200020 bigquery_analytics  701 events_bq (Database events, into mms_ml, DONE): 70101
//                      raw_events, 70102 sessions, type BIGQUERY
//   200021 mc_archive  801 archive_finance_2023 (Database finance_2023, DONE): 80101 ledger,
//                      80102 audit_log, type COPY_TASK
//
// The running tasks hold still until a control action sets their job going (see
// inventory/job-runs.ts), so the demo reads the same however long the emulator runs.
//
// The moving demo (`npm start`, `npm run emulator -- --moving-demo`; MOVING_DEMO in
// job-data.ts) sets 504 and 505 going at start-up, a step every `jobStepMs`: 504's tasks not
// failed run to DONE, their partitions (8151–8180, 8186–8250) through DOING to DONE;
// 505's 5501 fails its data step on 3202 (DATA_FAILED, the HDFS error), so 3201–3202 go
// INIT → DOING, then 3201 DONE and 3202 FAILED, and 505 ends FAILED. The failure is met once: a
// retry runs 5501 to DONE. Without the moving demo no task fails by itself.

/** The table with many partitions: ListMmsPartitions paging and sorting have rows to work on. */
export const DEMO_BIG_TABLE = {
  sourceId: 200019,
  dbId: 7,
  tableId: 73,
  tableName: 'page_views',
  firstPartitionId: 8001,
  partitionCount: 250,
} as const;

const HIVE_WAREHOUSE = 'hdfs://emr-header-1.cluster-51234:9000/user/hive/warehouse';
const PARQUET = {
  inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
  outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
  serde: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
};
const ORC = {
  inputFormat: 'org.apache.hadoop.hive.ql.io.orc.OrcInputFormat',
  outputFormat: 'org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat',
  serde: 'org.apache.hadoop.hive.ql.io.orc.OrcSerde',
};
const NO_STORAGE = { owner: null, location: null, inputFormat: null, outputFormat: null, serde: null };

function hiveConfig(metastore: string): ConfigItem[] {
  return [
    {
      name: 'Hive Metastore URI',
      key: 'hive.metastore.uris',
      desc: 'Thrift address of the Hive metastore',
      placeHolder: 'thrift://host:9083',
      type: 'string',
      value: metastore,
      required: true,
      group: 'basic_group',
    },
    {
      name: 'Authentication',
      key: 'hive.auth.type',
      desc: 'How the metastore and HiveServer2 are authenticated',
      placeHolder: 'NONE or KERBEROS',
      type: 'string',
      value: 'KERBEROS',
      enums: ['NONE', 'KERBEROS'],
      required: true,
      group: 'auth_group',
      subItems: {
        KERBEROS: [{ key: 'hive.kerberos.keytab', type: 'file', subType: '.keytab', required: true }],
        NONE: [],
      },
    },
    {
      name: 'Metadata threads',
      key: 'hive.meta.fetch.concurrency',
      desc: 'Threads reading metadata from the metastore',
      placeHolder: '8',
      type: 'int',
      value: 8,
      required: false,
      group: 'advanced_group',
    },
  ];
}

function maxComputeConfig(project: string): ConfigItem[] {
  return [
    {
      name: 'Source project',
      key: 'mc.source.project',
      desc: 'MaxCompute project data is migrated from',
      placeHolder: 'project',
      type: 'string',
      value: project,
      required: true,
      group: 'basic_group',
    },
  ];
}

function demoSources(): DataSourceRecord[] {
  const created = (day: number) => `2024-12-${String(day).padStart(2, '0')} 09:29:58`;
  return [
    {
      id: 200018,
      region: 'cn-shanghai',
      name: 'demo',
      type: 'HIVE',
      dstProject: 'mms_test',
      dstProjects: ['mms_test'],
      networklink: 'vpc-2zebqp6uojhdla46677tl:cn-shanghai',
      lastUpdateTime: '2024-12-17 15:44:17',
      createTime: created(17),
      status: 'STARTED',
      agentIsOnline: true,
      scanId: 1000253,
      config: hiveConfig('thrift://10.0.1.15:9083'),
    },
    {
      id: 200019,
      region: 'cn-hangzhou',
      name: 'hive_prod',
      type: 'HIVE',
      dstProject: 'mms_sales',
      dstProjects: ['mms_sales', 'mms_staging'],
      networklink: 'vpc-bp1h3mzl0y2gx6kq4vt9e:cn-hangzhou',
      lastUpdateTime: '2024-12-18 02:00:05',
      createTime: created(1),
      status: 'STARTED',
      agentIsOnline: true,
      scanId: 1000301,
      config: hiveConfig('thrift://172.16.8.20:9083'),
    },
    {
      id: 200020,
      region: 'cn-beijing',
      name: 'bigquery_analytics',
      type: 'BIGQUERY',
      dstProject: null,
      dstProjects: ['mms_ml'],
      networklink: 'vpc-2ze8n1k4wqg7c5d0t3x6a:cn-beijing',
      lastUpdateTime: '2024-12-17 01:10:44',
      createTime: created(5),
      status: 'STOPPING',
      agentIsOnline: true,
      scanId: 1000287,
      config: [
        {
          name: '范围分区表迁移方式',
          key: 'bigquery.range.partition.migrate.type',
          desc: '范围分区表迁移方式',
          placeHolder: 'Cluster or Partition',
          type: 'string',
          value: 'Partition',
          enums: ['Cluster', 'Partition'],
          required: true,
          group: 'basic_group',
        },
        {
          name: 'Service account key',
          key: 'bigquery.credentials.file',
          desc: 'JSON key of the Google Cloud service account',
          placeHolder: 'key.json',
          type: 'file',
          subType: '.json',
          value: 'analytics-reader.json',
          required: true,
          group: 'auth_group',
        },
      ],
    },
    {
      id: 200021,
      region: 'cn-shanghai',
      name: 'mc_archive',
      type: 'MAXCOMPUTE',
      dstProject: 'mms_archive',
      dstProjects: ['mms_archive'],
      networklink: null,
      lastUpdateTime: '2024-11-30 23:59:01',
      createTime: '2024-11-20 10:00:00',
      status: 'STOPPED',
      agentIsOnline: false,
      scanId: 1000199,
      config: maxComputeConfig('finance_archive'),
    },
    {
      id: 200022,
      region: 'cn-hangzhou',
      name: 'hive_staging',
      type: 'HIVE',
      dstProject: 'mms_staging',
      dstProjects: ['mms_staging'],
      networklink: 'vpc-bp1h3mzl0y2gx6kq4vt9e:cn-hangzhou',
      lastUpdateTime: null,
      createTime: created(16),
      status: 'START_FAILED',
      errMsg: 'could not connect to the metastore thrift://172.16.9.4:9083: connection refused',
      agentIsOnline: false,
      scanId: null,
      config: hiveConfig('thrift://172.16.9.4:9083'),
    },
    {
      id: 200023,
      region: 'cn-beijing',
      name: 'mc_backup',
      type: 'MAXCOMPUTE',
      dstProject: 'mms_backup',
      dstProjects: ['mms_backup'],
      networklink: null,
      lastUpdateTime: '2024-12-10 12:30:00',
      createTime: created(2),
      status: 'STOP_FAILED',
      errMsg: 'unexpected exception',
      agentIsOnline: true,
      scanId: 1000240,
      config: maxComputeConfig('backup'),
    },
    {
      id: 200024,
      region: 'cn-shanghai',
      name: 'hive_dev',
      type: 'HIVE',
      dstProject: 'mms_dev',
      dstProjects: ['mms_dev'],
      networklink: 'vpc-uf6d2k9s1m0c7q3w8e5rt:cn-shanghai',
      lastUpdateTime: null,
      createTime: created(18),
      status: 'STARTING',
      agentIsOnline: false,
      scanId: null,
      config: hiveConfig('thrift://10.0.3.2:9083'),
    },
  ];
}

function demoDbs(): DbRecord[] {
  const db = (
    fields: Pick<DbRecord, 'id' | 'sourceId' | 'sourceName' | 'name' | 'dstProjectName' | 'dstName'> & Partial<DbRecord>,
  ): DbRecord => ({
    description: null,
    owner: 'hive',
    location: `${HIVE_WAREHOUSE}/${fields.name}.db`,
    extra: '{}',
    updated: false,
    deleted: false,
    createTime: '2024-12-17 09:31:02',
    updateTime: '2024-12-17 15:44:42',
    lastDdlTime: '2024-12-17 15:44:42',
    ...fields,
  });
  const demo = { sourceId: 200018, sourceName: 'demo' };
  const hive = { sourceId: 200019, sourceName: 'hive_prod' };
  const bigQuery = { sourceId: 200020, sourceName: 'bigquery_analytics', owner: null, location: null };
  return [
    db({ ...demo, id: 0, name: 'd1', description: 'published example', dstProjectName: 'mms_test', dstName: 'default' }),
    db({ ...demo, id: 1, name: 'd2', dstProjectName: 'mms_test', dstName: 'd2', extra: '{"comment":"second level"}' }),
    db({ ...demo, id: 2, name: 'd_empty', dstProjectName: 'mms_test', dstName: 'd_empty', lastDdlTime: null }),
    db({
      ...hive,
      id: 6,
      name: 'legacy_reports',
      dstProjectName: 'mms_sales',
      dstName: 'legacy_reports',
      updated: true,
      deleted: true,
      updateTime: '2024-12-02 08:00:00',
      lastDdlTime: '2023-06-30 18:00:00',
    }),
    db({
      ...hive,
      id: 7,
      name: 'sales',
      description: 'orders and web traffic',
      owner: 'etl',
      dstProjectName: 'mms_sales',
      dstName: 'default',
      extra: JSON.stringify({ 'hive.retention.days': '400', team: 'sales-data' }),
      updateTime: '2024-12-18 02:00:05',
      lastDdlTime: '2024-12-12 04:15:00',
    }),
    db({
      ...hive,
      id: 8,
      name: 'staging',
      owner: 'etl',
      dstProjectName: 'mms_staging',
      dstName: 'default',
      updated: true,
      updateTime: '2024-12-16 22:10:00',
      lastDdlTime: '2024-12-16 22:00:00',
    }),
    db({
      ...bigQuery,
      id: 9,
      name: 'events',
      description: 'raw product events',
      dstProjectName: null,
      dstName: null,
      extra: JSON.stringify({ location: 'US', defaultTableExpirationMs: '7776000000' }),
      updateTime: '2024-12-17 01:10:44',
    }),
    db({
      ...bigQuery,
      id: 10,
      name: 'ml_features',
      dstProjectName: 'mms_ml',
      dstName: 'default',
      extra: JSON.stringify({ location: 'US' }),
      updateTime: '2024-12-15 07:45:00',
      lastDdlTime: '2024-12-14 11:20:00',
    }),
    db({
      sourceId: 200021,
      sourceName: 'mc_archive',
      id: 11,
      name: 'finance_2023',
      owner: 'ALIYUN$finance@example.com',
      location: null,
      dstProjectName: 'mms_archive',
      dstName: 'finance_2023',
      createTime: '2024-11-20 10:05:00',
      updateTime: '2024-11-30 23:59:01',
      lastDdlTime: '2024-01-02 00:10:00',
    }),
    db({
      sourceId: 200023,
      sourceName: 'mc_backup',
      id: 12,
      name: 'backup',
      owner: 'ALIYUN$ops@example.com',
      location: null,
      dstProjectName: 'mms_backup',
      dstName: null,
      updateTime: '2024-12-10 12:30:00',
      lastDdlTime: '2024-12-09 03:00:00',
    }),
  ];
}

const column = (name: string, type: string, comment: string | null = null, nullable = true): ColumnRecord => ({
  name,
  type,
  comment,
  defaultValue: null,
  nullable,
});

function demoTables(): TableRecord[] {
  type TableFields = Pick<TableRecord, 'id' | 'dbId' | 'dbName' | 'name' | 'sourceId' | 'sourceName' | 'dstProjectName'> &
    Partial<Omit<TableRecord, 'schema'>> & { comment?: string; columns: ColumnRecord[]; partitionColumns?: ColumnRecord[] };
  const table = ({ comment, columns, partitionColumns, ...fields }: TableFields): TableRecord => ({
    dstSchemaName: 'default',
    dstName: fields.name,
    type: 'MANAGED_TABLE',
    hasPartitions: partitionColumns !== undefined,
    schema: { name: fields.name, comment: comment ?? null, columns, partitions: partitionColumns ?? [] },
    owner: 'hive',
    location: `${HIVE_WAREHOUSE}/${fields.dbName}.db/${fields.name}`,
    ...PARQUET,
    extra: '{}',
    updated: false,
    lastDdlTime: '2024-12-17 15:44:42',
    ...fields,
  });
  const d1 = { sourceId: 200018, sourceName: 'demo', dbId: 0, dbName: 'd1', dstProjectName: 'mms_test' };
  const d2 = { sourceId: 200018, sourceName: 'demo', dbId: 1, dbName: 'd2', dstProjectName: 'mms_test', dstSchemaName: 'd2' };
  const sales = { sourceId: 200019, sourceName: 'hive_prod', dbId: 7, dbName: 'sales', dstProjectName: 'mms_sales', owner: 'etl' };
  const staging = { sourceId: 200019, sourceName: 'hive_prod', dbId: 8, dbName: 'staging', dstProjectName: 'mms_staging', owner: 'etl' };
  const bigQuery = { sourceId: 200020, sourceName: 'bigquery_analytics', ...NO_STORAGE, type: 'TABLE' };
  const events = { ...bigQuery, dbId: 9, dbName: 'events', dstProjectName: null, dstSchemaName: null };
  const mlFeatures = { ...bigQuery, dbId: 10, dbName: 'ml_features', dstProjectName: 'mms_ml' };
  const finance = {
    sourceId: 200021,
    sourceName: 'mc_archive',
    dbId: 11,
    dbName: 'finance_2023',
    dstProjectName: 'mms_archive',
    dstSchemaName: 'finance_2023',
    ...NO_STORAGE,
    owner: 'ALIYUN$finance@example.com',
  };
  return [
    table({
      ...d1,
      id: 23,
      name: 't1',
      dstName: 'test',
      comment: 'for mms test',
      columns: [column('user_id', 'bigint', 'user id', false), column('name', 'string')],
      partitionColumns: [column('p1', 'bigint', 'first partition level', false), column('p2', 'string', null, false)],
      extra: JSON.stringify({ 'field.delim': '|', 'serialization.format': '|', transient_lastDdlTime: '1734421482' }),
    }),
    table({
      ...d1,
      id: 24,
      name: 't1_dim',
      columns: [column('p2', 'string', 'key', false), column('label', 'string')],
      ...ORC,
      status: 'DONE',
      size: 48_213,
      numRows: 120,
      lastDdlTime: '2024-12-16 10:02:11',
    }),
    table({
      ...d2,
      id: 25,
      name: 't2',
      type: 'EXTERNAL_TABLE',
      location: 'oss://demo-bucket/warehouse/d2/t2',
      columns: [column('id', 'bigint', null, false), column('payload', 'string')],
      extra: JSON.stringify({ EXTERNAL: 'TRUE', 'skip.header.line.count': '1' }),
      status: 'INIT',
      size: 9_120_331,
      numRows: 70_210,
      lastDdlTime: '2024-12-03 17:30:00',
    }),
    table({
      ...d2,
      id: 26,
      name: 't3',
      columns: [column('id', 'bigint', null, false), column('amount', 'decimal(18,2)')],
      partitionColumns: [column('ds', 'string', 'day', false)],
      lastDdlTime: '2024-12-04 08:00:00',
    }),
    table({
      ...sales,
      id: 71,
      name: 'orders',
      comment: 'one row per order',
      columns: [
        column('order_id', 'bigint', 'order id', false),
        column('customer_id', 'bigint', null, false),
        column('amount', 'decimal(18,2)'),
        column('created_at', 'timestamp'),
      ],
      partitionColumns: [column('dt', 'string', 'order day', false), column('region', 'string', null, false)],
      extra: JSON.stringify({ 'parquet.compression': 'SNAPPY', numFiles: '48', transient_lastDdlTime: '1733965200' }),
      updated: true,
      lastDdlTime: '2024-12-12 04:15:00',
    }),
    table({
      ...sales,
      id: 72,
      name: 'clicks',
      // Partition 3102 (`path=…/ratio=…`) is a test case of Hive's escaping, not of these columns.
      columns: [column('user_id', 'bigint'), column('ts', 'timestamp')],
      partitionColumns: [column('url', 'string', null, false), column('day', 'int', null, false)],
      ...ORC,
      lastDdlTime: '2024-12-14 02:00:00',
    }),
    table({
      ...sales,
      id: DEMO_BIG_TABLE.tableId,
      name: DEMO_BIG_TABLE.tableName,
      comment: 'hourly page views',
      columns: [
        column('user_id', 'bigint'),
        column('url', 'string'),
        column('referrer', 'string'),
        column('duration_ms', 'int', 'time on page'),
      ],
      partitionColumns: [column('dt', 'string', null, false), column('hour', 'string', null, false)],
      extra: JSON.stringify({ 'parquet.compression': 'ZSTD', 'auto.purge': 'true' }),
      lastDdlTime: '2024-11-01 00:05:00',
    }),
    table({
      ...sales,
      id: 74,
      name: 'customers',
      columns: [column('customer_id', 'bigint', null, false), column('name', 'string'), column('country', 'string')],
      status: 'DONE',
      size: 734_003_200,
      numRows: 1_250_000,
      updated: true,
      lastDdlTime: '2024-12-12 04:15:00',
    }),
    table({
      ...staging,
      id: 81,
      name: 'orders_tmp',
      type: 'EXTERNAL_TABLE',
      columns: [column('order_id', 'bigint'), column('raw', 'string')],
      status: 'DOING',
      size: 3_221_225_472,
      numRows: 18_000_000,
      lastDdlTime: '2024-12-16 22:00:00',
    }),
    table({
      ...staging,
      id: 82,
      name: 'orders_new',
      columns: [column('order_id', 'bigint', null, false), column('amount', 'decimal(18,2)')],
      partitionColumns: [column('dt', 'string', null, false), column('region', 'string', null, false)],
      lastDdlTime: '2024-12-16 21:00:00',
    }),
    table({
      ...events,
      id: 91,
      name: 'raw_events',
      columns: [
        column('event_id', 'STRING', null, false),
        column('user_id', 'INT64'),
        column('payload', 'JSON'),
        column('event_time', 'TIMESTAMP'),
      ],
      partitionColumns: [column('hour', 'STRING', 'hourly partitions of event_time', false)],
      extra: JSON.stringify({ 'partitioning.type': 'HOUR', 'partitioning.field': 'event_time', requirePartitionFilter: true }),
      lastDdlTime: '2024-12-17 01:00:00',
    }),
    table({
      ...events,
      id: 92,
      name: 'sessions',
      columns: [column('session_id', 'STRING', null, false), column('started_at', 'TIMESTAMP')],
      status: 'INIT',
      size: 1_073_741_824,
      numRows: 4_000_000,
      lastDdlTime: '2024-12-17 01:05:00',
    }),
    table({
      ...mlFeatures,
      id: 101,
      name: 'embeddings',
      columns: [column('item_id', 'INT64', null, false), column('vector', 'ARRAY<FLOAT64>')],
      status: 'DONE',
      size: 6_442_450_944,
      numRows: 2_000_000,
      lastDdlTime: '2024-12-14 11:20:00',
    }),
    table({
      ...finance,
      id: 111,
      name: 'ledger',
      columns: [column('entry_id', 'BIGINT', null, false), column('account', 'STRING'), column('amount', 'DECIMAL(18,2)')],
      status: 'DONE',
      size: 52_428_800,
      numRows: 310_000,
      lastDdlTime: '2024-01-02 00:10:00',
    }),
    table({
      ...finance,
      id: 112,
      name: 'audit_log',
      columns: [column('event', 'STRING'), column('actor', 'STRING')],
      partitionColumns: [column('ds', 'STRING', null, false)],
      extra: JSON.stringify({ lifecycle: '3650', 'odps.timemachine.retention.days': '1' }),
      lastDdlTime: '2024-01-01 00:00:00',
    }),
    table({
      sourceId: 200023,
      sourceName: 'mc_backup',
      dbId: 12,
      dbName: 'backup',
      dstProjectName: 'mms_backup',
      dstSchemaName: null,
      ...NO_STORAGE,
      owner: 'ALIYUN$ops@example.com',
      id: 121,
      name: 'snapshots',
      columns: [column('snapshot_id', 'BIGINT', null, false), column('taken_at', 'DATETIME')],
      status: 'DONE',
      size: 987_654_321,
      numRows: 4_321,
      lastDdlTime: '2024-12-09 03:00:00',
    }),
  ];
}

interface InventoryTable {
  sourceId: number;
  sourceName: string;
  dbId: number;
  dbName: string;
  tableId: number;
  tableName: string;
  destination: { project: string; schema: string | null } | null;
}

function inventoryPartition(
  table: InventoryTable,
  id: number,
  value: string,
  figures: Pick<EmulatedPartition, 'size' | 'numRows' | 'updated' | 'lastDdlTime' | 'status'>,
): EmulatedPartition {
  return {
    id,
    dbId: table.dbId,
    tableId: table.tableId,
    dbName: table.dbName,
    tableName: table.tableName,
    value,
    ...(table.destination && {
      dstProjectName: table.destination.project,
      dstSchemaName: table.destination.schema,
      dstTableName: table.tableName,
      dstValue: value,
    }),
    sourceId: table.sourceId,
    sourceName: table.sourceName,
    ...figures,
  };
}

/**
 * The partitions of the inventory's own tables (the ones above are kept as they were).
 * The big table's figures cycle with short periods, so sorts have ties to break by ID.
 */
function inventoryPartitions(): EmulatedPartition[] {
  const partitions: EmulatedPartition[] = [];
  const pageViews: InventoryTable = {
    ...DEMO_BIG_TABLE,
    sourceName: 'hive_prod',
    dbName: 'sales',
    destination: { project: 'mms_sales', schema: 'default' },
  };
  for (let i = 0; i < DEMO_BIG_TABLE.partitionCount; i += 1) {
    const day = `2024-11-${String(1 + Math.floor(i / 24)).padStart(2, '0')}`;
    const hour = String(i % 24).padStart(2, '0');
    partitions.push(
      inventoryPartition(pageViews, DEMO_BIG_TABLE.firstPartitionId + i, `dt=${day}/hour=${hour}`, {
        // 3.0 to 7.2 GB: most beyond 2^32.
        size: 3_000_000_000 + (i % 7) * 700_000_000,
        numRows: 400_000_000 * (1 + (i % 11)),
        updated: i % 9 === 4,
        // The last 20 were rewritten by one backfill: equal times.
        lastDdlTime:
          i >= DEMO_BIG_TABLE.partitionCount - 20 ? '2024-11-12 03:00:00' : `${day} ${hour}:${String((i * 7) % 60).padStart(2, '0')}:00`,
        status: i % 37 === 36 ? 'FAILED' : i < 150 ? 'DONE' : i < 170 ? 'DOING' : 'INIT',
      }),
    );
  }
  const t3: InventoryTable = {
    sourceId: 200018,
    sourceName: 'demo',
    dbId: 1,
    dbName: 'd2',
    tableId: 26,
    tableName: 't3',
    destination: { project: 'mms_test', schema: 'd2' },
  };
  ['DONE', 'DONE', 'INIT'].forEach((status, i) => {
    partitions.push(
      inventoryPartition(t3, 2601 + i, `ds=2024120${i + 1}`, {
        size: 1_048_576 * (i + 1),
        numRows: 10_000 * (i + 1),
        updated: false,
        lastDdlTime: `2024-12-0${i + 1} 06:00:00`,
        status,
      }),
    );
  });
  const ordersNew: InventoryTable = {
    sourceId: 200019,
    sourceName: 'hive_prod',
    dbId: 8,
    dbName: 'staging',
    tableId: 82,
    tableName: 'orders_new',
    destination: { project: 'mms_staging', schema: 'default' },
  };
  ['cn', 'us'].forEach((region, i) => {
    partitions.push(
      inventoryPartition(ordersNew, 3201 + i, `dt=2024-12-03/region=${region}`, {
        size: 512_000 + i,
        numRows: 4_000 + i,
        updated: i === 1,
        lastDdlTime: '2024-12-16 21:00:00',
        status: 'INIT',
      }),
    );
  });
  const auditLog: InventoryTable = {
    sourceId: 200021,
    sourceName: 'mc_archive',
    dbId: 11,
    dbName: 'finance_2023',
    tableId: 112,
    tableName: 'audit_log',
    destination: { project: 'mms_archive', schema: 'finance_2023' },
  };
  ['20231229', '20231230', '20231231'].forEach((ds, i) => {
    partitions.push(
      inventoryPartition(auditLog, 9101 + i, `ds=${ds}`, {
        size: 2_000_000 + i * 1000,
        numRows: 5_000 + i,
        updated: false,
        lastDdlTime: `2024-01-01 00:0${i}:00`,
        status: 'DONE',
      }),
    );
  });
  return partitions;
}
