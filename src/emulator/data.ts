import { readFile } from 'node:fs/promises';
import { isLosslessNumber, parse } from 'lossless-json';

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
  return indexPartitions(demoPartitions());
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
