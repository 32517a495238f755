import { describe, expect, it } from 'vitest';
import { readDataSource } from '../../src/upstream/actions/data-source.js';
import { readDatabase } from '../../src/upstream/actions/database.js';
import { readTable } from '../../src/upstream/actions/table.js';
import { isObject, type JsonObject, parseAnswer, readPage, ShapeError } from '../../src/upstream/json.js';

// The example answers of ../shared/reference/mms-api-family.md, values verbatim.

const LIST_DATA_SOURCES = `{
  "requestId": "C1F7715F-D316-5AB6-BD02-5241083F4003",
  "data": {
    "total": 9, "pageNum": 1, "pageSize": 20,
    "objectList": [{
      "id": 2000015, "region": "cn-beijing", "name": "demo", "type": "BIGQUERY",
      "dstProject": "mms_test", "dstProjects": ["mms_test"],
      "networklink": "vpc-2zebqp6uojhdla46677tl:cn-beijing",
      "lastUpdateTime": "2024-12-17 15:44:17", "createTime": "2024-12-17 09:29:58",
      "dbNum": 3, "tableNum": 1000, "partitionNum": 10000000,
      "status": "STARTED", "errMsg": "unexpected exception", "agentIsOnline": true,
      "scanId": 1000253,
      "tablesDoingNum": 18, "tablesDoneNum": 2323, "tablesFailedNum": 2, "tablesPartDoneNum": 22,
      "partitionsDoingNum": 2332, "partitionsDoneNum": 23, "partitionsFailedNum": 2323,
      "config": [{
        "name": "范围分区表迁移方式", "key": "bigquery.range.partition.migrate.type",
        "desc": "范围分区表迁移方式", "placeHolder": "Cluster or Partition",
        "type": "string", "subType": ".keytab", "value": "Partition",
        "required": true, "group": "basic_group"
      }]
    }]
  }
}`;
const GET_DATA_SOURCE = `{
  "requestId": "98EC8C47-3D6D-560C-808B-84E494220A32",
  "data": {
    "id": 2000015, "region": "cn-shanghai", "name": "demo", "type": "BIGQUERY",
    "dstProject": "mms_test", "dstProjects": ["mms_test1"],
    "networklink": "vpc-2zebqp6uojhdla46677tl:cn-shanghai",
    "lastUpdateTime": "2024-12-17 15:44:17", "createTime": "2024-12-17 09:29:58",
    "dbNum": 3, "tableNum": 1000, "partitionNum": 10000000,
    "status": "STARTED", "errMsg": "unexpected exception", "agentIsOnline": true,
    "scanId": 1000253,
    "tablesDoingNum": 19, "tablesDoneNum": 16, "tablesFailedNum": 2, "tablesPartDoneNum": 123,
    "partitionsDoingNum": 23322, "partitionsDoneNum": 11113, "partitionsFailedNum": 32,
    "config": [{
      "name": "范围分区表迁移方式", "key": "bigquery.range.partition.migrate.type",
      "desc": "范围分区表迁移方式", "placeHolder": "Cluster or Partition",
      "type": "string", "subType": ".keytab", "value": "Partition",
      "required": true, "group": "basic_group"
    }]
  }
}`;
const LIST_DBS = `{
  "requestId": "CF3F9978-260F-5204-94BE-30A4E6B54443",
  "data": {
    "total": 13, "pageNum": 1, "pageSize": 10,
    "objectList": [{
      "id": 1530, "name": "mms_test", "description": "for mms test", "owner": "xxx@yy.com",
      "location": "hdfs://master-1-1.c-6fc187819ed6bae0.cn-shanghai.emr.aliyuncs.com:9000/user/hive/warehouse",
      "extra": "{}", "sourceId": 2000015, "sourceName": "demo",
      "dstProjectName": "mms_test", "dstName": "default",
      "status": "DOING", "updated": true, "deleted": false,
      "size": 2342342, "numRows": 23232,
      "tables": 100, "tablesDoing": 20, "tablesDone": 20, "tablesPartDone": 20, "tablesFailed": 20,
      "partitions": 1000, "partitionsDoing": 400, "partitionsDone": 200, "partitionsFailed": 200,
      "createTime": "2024-12-17 15:44:42", "updateTime": "2024-12-17 15:44:42",
      "lastDdlTime": "2024-12-17 15:44:42"
    }]
  }
}`;
const GET_DB = `{
  "requestId": "90D64EB6-2962-5B1C-A039-BC41C8176C7F",
  "data": {
    "id": 63, "name": "mms_test", "description": "for mms_test", "owner": "System user",
    "location": "hdfs://master-1-1.c-6fc187819ed6bae0.cn-shanghai.emr.aliyuncs.com:9000/user/hive/warehouse",
    "extra": "{}", "sourceId": 2000017, "sourceName": "demo",
    "dstProjectName": "mma_test", "dstName": "default",
    "status": "DOING", "updated": true, "size": 323232332, "numRows": 2323,
    "tables": 200, "tablesDoing": 20, "tablesDone": 120, "tablesPartDone": 20, "tablesFailed": 20,
    "partitions": 2000, "partitionsDoing": 200, "partitionsDone": 1400, "partitionsFailed": 400,
    "lastDdlTime": "2024-12-17 15:44:42"
  }
}`;
const LIST_TABLES = String.raw`{
  "requestId": "E7FB14F1-4ACD-5C73-A755-B302D70AB9AD",
  "data": {
    "total": 100, "pageNum": 1, "pageSize": 20,
    "objectList": [{
      "id": 1003476, "dbId": 196, "dbName": "demo", "name": "test",
      "sourceId": 2000028, "sourceName": "demo",
      "dstProjectName": "mms_test", "dstSchemaName": "default", "dstName": "test",
      "type": "MANAGED_TABLE", "hasPartitions": true, "owner": "Hive",
      "location": "| hdfs://master-1-1.c-c127cd184bb029ea.cn-zhangjiakou.emr.aliyuncs.com:9000/user/hive/warehouse/demo",
      "inputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
      "outputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
      "serde": "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
      "extra": "{\"mapkey.delim\":\":\",\"collection.delim\":\",\",\"serialization.format\":\"|\",\"field.delim\":\"|\"}",
      "size": 2985028, "numRows": 232323,
      "partitions": 100, "partitionsDoing": 20, "partitionsDone": 60, "partitionsFailed": 40,
      "status": "DONE", "updated": true, "lastDdlTime": "2024-12-17 15:44:42",
      "schema": {
        "name": "test", "comment": "for mms test",
        "columns": [{ "name": "user_id", "type": "bigint", "comment": "user id", "defaultValue": "", "nullable": false }],
        "partitions": [{ "name": "p1", "type": "string", "defaultValue": "abc", "nullable": false }]
      }
    }]
  }
}`;
const GET_TABLE = String.raw`{
  "requestId": "E7FB14F1-4ACD-5C73-A755-B302D70AB9AD",
  "data": {
    "id": 22, "dbId": 3, "dbName": "mms_test", "name": "test",
    "sourceId": 2000028, "sourceName": "demo",
    "dstProjectName": "mms_test", "dstSchemaName": "default", "dstName": "test",
    "type": "MANAGED_TABLED", "hasPartitions": true,
    "schema": {
      "name": "test", "comment": "for mms test",
      "columns": [{ "name": "user_id", "type": "bigint", "comment": "user id", "defaultValue": "10", "nullable": false }],
      "partitions": [{ "name": "p1", "type": "string", "comment": "first partition level", "defaultValue": "abc", "nullable": false }]
    },
    "owner": "Hive",
    "location": "| hdfs://master-1-1.c-c127cd184bb029ea.cn-zhangjiakou.emr.aliyuncs.com:9000/user/hive/warehouse/demo",
    "inputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
    "outputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
    "serde": "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
    "extra": "{\"mapkey.delim\":\":\",\"collection.delim\":\",\",\"serialization.format\":\"|\",\"field.delim\":\"|\"}",
    "size": 23232, "numRows": 233232,
    "partitions": 100, "partitionsDoing": 20, "partitionsDone": 80, "partitionsFailed": 0,
    "status": "DONE", "updated": false, "lastDdlTime": "2024-12-17 15:44:42"
  }
}`;

/** The `data` of an answer text, read as the gateway reads it. */
function dataOf(text: string): JsonObject {
  const answer = parseAnswer(text);
  if (!isObject(answer) || !isObject(answer.data)) throw new Error('not an answer with an object data');
  return answer.data;
}

/** The first item of a List answer, read through the paging reader. */
function firstItem<T>(text: string, read: (item: JsonObject) => T): T {
  const [item] = readPage(dataOf(text), read).items;
  if (item === undefined) throw new Error('no item');
  return item;
}

/** A record's `data` from a JSON text (through the same parser as the answers). */
function record(text: string): JsonObject {
  return dataOf(`{"data":${text}}`);
}

const HIVE_LOCATION = 'hdfs://master-1-1.c-6fc187819ed6bae0.cn-shanghai.emr.aliyuncs.com:9000/user/hive/warehouse';
const TABLE_LOCATION = '| hdfs://master-1-1.c-c127cd184bb029ea.cn-zhangjiakou.emr.aliyuncs.com:9000/user/hive/warehouse/demo';
const TABLE_PROPERTIES = [
  { key: 'mapkey.delim', value: ':' },
  { key: 'collection.delim', value: ',' },
  { key: 'serialization.format', value: '|' },
  { key: 'field.delim', value: '|' },
];

describe('readDataSource', () => {
  it('reads the ListMmsDataSources example item', () => {
    expect(firstItem(LIST_DATA_SOURCES, readDataSource)).toEqual({
      id: '2000015',
      name: 'demo',
      type: 'BIGQUERY',
      unknownType: null,
      region: 'cn-beijing',
      status: 'STARTED',
      unknownStatus: null,
      errorMessage: 'unexpected exception',
      networkLink: 'vpc-2zebqp6uojhdla46677tl:cn-beijing',
      agentOnline: true,
      createTime: '2024-12-17 09:29:58',
      lastUpdateTime: '2024-12-17 15:44:17',
      destinationProject: 'mms_test',
      destinationProjects: ['mms_test'],
      databaseCount: 3,
      progress: {
        tables: { total: 1000, doing: 18, done: 2323, partDone: 22, failed: 2 },
        partitions: { total: 10000000, doing: 2332, done: 23, partDone: null, failed: 2323 },
      },
    });
  });

  it('reads the GetMmsDataSource example', () => {
    expect(readDataSource(dataOf(GET_DATA_SOURCE))).toEqual({
      id: '2000015',
      name: 'demo',
      type: 'BIGQUERY',
      unknownType: null,
      region: 'cn-shanghai',
      status: 'STARTED',
      unknownStatus: null,
      errorMessage: 'unexpected exception',
      networkLink: 'vpc-2zebqp6uojhdla46677tl:cn-shanghai',
      agentOnline: true,
      createTime: '2024-12-17 09:29:58',
      lastUpdateTime: '2024-12-17 15:44:17',
      destinationProject: 'mms_test',
      destinationProjects: ['mms_test1'],
      databaseCount: 3,
      progress: {
        tables: { total: 1000, doing: 19, done: 16, partDone: 123, failed: 2 },
        partitions: { total: 10000000, doing: 23322, done: 11113, partDone: null, failed: 32 },
      },
    });
  });

  it('trims strings, and reads the enums whatever their case', () => {
    const source = readDataSource(
      record(
        '{"id":"007","name":" demo\\n","type":"hive\\n","region":"cn-beijing\\n","status":" start_failed","errMsg":"boom\\n","networklink":" vpc-1:cn-beijing\\n","createTime":"2024-12-17 09:29:58\\n","dstProject":"p\\n","dstProjects":[" p\\n","q "]}',
      ),
    );
    expect(source).toMatchObject({
      id: '7',
      name: 'demo',
      type: 'HIVE',
      region: 'cn-beijing',
      status: 'START_FAILED',
      errorMessage: 'boom',
      networkLink: 'vpc-1:cn-beijing',
      createTime: '2024-12-17 09:29:58',
      destinationProject: 'p',
      destinationProjects: ['p', 'q'],
    });
  });

  it('keeps a kind or a status it does not know as sent', () => {
    const source = readDataSource(record('{"id":1,"type":"DATABRICKS\\n","status":"PAUSED"}'));
    expect(source).toMatchObject({ type: null, unknownType: 'DATABRICKS', status: null, unknownStatus: 'PAUSED' });
    expect(readDataSource(record('{"id":1,"type":"HIVE","status":"STOPPED"}'))).toMatchObject({ unknownType: null, unknownStatus: null });
  });

  it('reads missing optional fields as null, no destination projects and no progress', () => {
    expect(readDataSource(record('{"id":2000015}'))).toEqual({
      id: '2000015',
      name: null,
      type: null,
      unknownType: null,
      region: null,
      status: null,
      unknownStatus: null,
      errorMessage: null,
      networkLink: null,
      agentOnline: null,
      createTime: null,
      lastUpdateTime: null,
      destinationProject: null,
      destinationProjects: [],
      databaseCount: null,
      progress: { tables: null, partitions: null },
    });
  });

  it('keeps a group of counters when only some of them are sent', () => {
    expect(readDataSource(record('{"id":1,"tableNum":1000,"partitionsFailedNum":3}')).progress).toEqual({
      tables: { total: 1000, doing: null, done: null, partDone: null, failed: null },
      partitions: { total: null, doing: null, done: null, partDone: null, failed: 3 },
    });
  });

  it('refuses a data source without an ID', () => {
    expect(() => readDataSource(record('{"name":"demo"}'))).toThrow(ShapeError);
    expect(() => readDataSource(record('{"id":null,"name":"demo"}'))).toThrow(ShapeError);
  });
});

describe('readDatabase', () => {
  it('reads the ListMmsDbs example item', () => {
    expect(firstItem(LIST_DBS, readDatabase)).toEqual({
      id: '1530',
      sourceId: '2000015',
      sourceName: 'demo',
      name: 'mms_test',
      description: 'for mms test',
      owner: 'xxx@yy.com',
      location: HIVE_LOCATION,
      properties: [],
      status: 'DOING',
      unknownStatus: null,
      updated: true,
      deleted: false,
      size: { exact: true, value: 2342342 },
      numRows: { exact: true, value: 23232 },
      lastDdlTime: '2024-12-17 15:44:42',
      createTime: '2024-12-17 15:44:42',
      updateTime: '2024-12-17 15:44:42',
      destination: { projectName: 'mms_test', schemaName: 'default' },
      progress: {
        tables: { total: 100, doing: 20, done: 20, partDone: 20, failed: 20 },
        partitions: { total: 1000, doing: 400, done: 200, partDone: null, failed: 200 },
      },
    });
  });

  it('reads the GetMmsDb example, which has no deleted, createTime or updateTime', () => {
    expect(readDatabase(dataOf(GET_DB))).toEqual({
      id: '63',
      sourceId: '2000017',
      sourceName: 'demo',
      name: 'mms_test',
      description: 'for mms_test',
      owner: 'System user',
      location: HIVE_LOCATION,
      properties: [],
      status: 'DOING',
      unknownStatus: null,
      updated: true,
      deleted: null,
      size: { exact: true, value: 323232332 },
      numRows: { exact: true, value: 2323 },
      lastDdlTime: '2024-12-17 15:44:42',
      createTime: null,
      updateTime: null,
      destination: { projectName: 'mma_test', schemaName: 'default' },
      progress: {
        tables: { total: 200, doing: 20, done: 120, partDone: 20, failed: 20 },
        partitions: { total: 2000, doing: 200, done: 1400, partDone: null, failed: 400 },
      },
    });
  });

  it('trims strings and reads PART_DONE', () => {
    const database = readDatabase(
      record(
        '{"id":1,"name":"mms_test\\n","owner":" System user ","dstName":"default\\n","status":"part_done\\n","lastDdlTime":"2024-12-17 15:44:42\\n"}',
      ),
    );
    expect(database).toMatchObject({
      name: 'mms_test',
      owner: 'System user',
      status: 'PART_DONE',
      lastDdlTime: '2024-12-17 15:44:42',
      destination: { projectName: null, schemaName: 'default' },
    });
  });

  it('keeps a status it does not know as sent', () => {
    // STARTED is the example of ListMmsDbs's status filter, copied from the data source pages.
    expect(readDatabase(record('{"id":1,"status":"STARTED"}'))).toMatchObject({ status: null, unknownStatus: 'STARTED' });
  });

  it('reads missing optional fields as null, and no destination when neither field is sent', () => {
    expect(readDatabase(record('{"id":1530}'))).toEqual({
      id: '1530',
      sourceId: null,
      sourceName: null,
      name: null,
      description: null,
      owner: null,
      location: null,
      properties: [],
      status: null,
      unknownStatus: null,
      updated: null,
      deleted: null,
      size: null,
      numRows: null,
      lastDdlTime: null,
      createTime: null,
      updateTime: null,
      destination: null,
      progress: { tables: null, partitions: null },
    });
    expect(readDatabase(record('{"id":1,"dstProjectName":null,"dstName":null}')).destination).toBeNull();
    expect(readDatabase(record('{"id":1,"dstProjectName":"mms_test"}')).destination).toEqual({ projectName: 'mms_test', schemaName: null });
  });

  it('keeps sizes and row counts beyond 2^53 exact', () => {
    const database = readDatabase(record('{"id":9223372036854775807,"size":9223372036854775807,"numRows":9007199254740993}'));
    expect(database.id).toBe('9223372036854775807');
    expect(database.size).toEqual({ exact: false, digits: '9223372036854775807' });
    expect(database.numRows).toEqual({ exact: false, digits: '9007199254740993' });
    expect(readDatabase(record('{"id":1,"size":9007199254740991}')).size).toEqual({ exact: true, value: 9007199254740991 });
  });

  it('refuses a database without an ID', () => {
    expect(() => readDatabase(record('{"name":"mms_test"}'))).toThrow(ShapeError);
  });
});

describe('readTable', () => {
  it('reads the ListMmsTables example item', () => {
    expect(firstItem(LIST_TABLES, readTable)).toEqual({
      id: '1003476',
      sourceId: '2000028',
      sourceName: 'demo',
      dbId: '196',
      dbName: 'demo',
      name: 'test',
      type: 'MANAGED_TABLE',
      hasPartitions: true,
      owner: 'Hive',
      location: TABLE_LOCATION,
      inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
      outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
      serde: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
      comment: 'for mms test',
      columns: [{ name: 'user_id', type: 'bigint', comment: 'user id', defaultValue: '', nullable: false }],
      partitionColumns: [{ name: 'p1', type: 'string', comment: null, defaultValue: 'abc', nullable: false }],
      properties: TABLE_PROPERTIES,
      size: { exact: true, value: 2985028 },
      numRows: { exact: true, value: 232323 },
      status: 'DONE',
      unknownStatus: null,
      updated: true,
      lastDdlTime: '2024-12-17 15:44:42',
      destination: { projectName: 'mms_test', schemaName: 'default', tableName: 'test' },
      progress: { tables: null, partitions: { total: 100, doing: 20, done: 60, partDone: null, failed: 40 } },
    });
  });

  it('reads the GetMmsTable example, keeping its table type as sent', () => {
    expect(readTable(dataOf(GET_TABLE))).toEqual({
      id: '22',
      sourceId: '2000028',
      sourceName: 'demo',
      dbId: '3',
      dbName: 'mms_test',
      name: 'test',
      type: 'MANAGED_TABLED',
      hasPartitions: true,
      owner: 'Hive',
      location: TABLE_LOCATION,
      inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
      outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
      serde: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
      comment: 'for mms test',
      columns: [{ name: 'user_id', type: 'bigint', comment: 'user id', defaultValue: '10', nullable: false }],
      partitionColumns: [{ name: 'p1', type: 'string', comment: 'first partition level', defaultValue: 'abc', nullable: false }],
      properties: TABLE_PROPERTIES,
      size: { exact: true, value: 23232 },
      numRows: { exact: true, value: 233232 },
      status: 'DONE',
      unknownStatus: null,
      updated: false,
      lastDdlTime: '2024-12-17 15:44:42',
      destination: { projectName: 'mms_test', schemaName: 'default', tableName: 'test' },
      progress: { tables: null, partitions: { total: 100, doing: 20, done: 80, partDone: null, failed: 0 } },
    });
  });

  it('reads the partition count apart from the partition columns of the schema', () => {
    const table = readTable(
      record('{"id":1,"partitions":7,"schema":{"partitions":[{"name":"ds","type":"string"},{"name":"hr","type":"int"}]}}'),
    );
    expect(table.progress.partitions).toEqual({ total: 7, doing: null, done: null, partDone: null, failed: null });
    expect(table.partitionColumns.map((column) => column.name)).toEqual(['ds', 'hr']);
    expect(table.columns).toEqual([]);
    // A count without a schema, and a schema without a count.
    expect(readTable(record('{"id":1,"partitions":0}'))).toMatchObject({ partitionColumns: [], progress: { partitions: { total: 0 } } });
    expect(readTable(record('{"id":1,"schema":{"partitions":[{"name":"ds"}]}}')).progress.partitions).toBeNull();
    // Each in the other's place is not the documented shape.
    expect(() => readTable(record('{"id":1,"partitions":[{"name":"ds"}]}'))).toThrow(ShapeError);
    expect(() => readTable(record('{"id":1,"schema":{"partitions":7}}'))).toThrow(ShapeError);
  });

  it('trims the strings of the table and of its columns', () => {
    const table = readTable(
      record(
        '{"id":1,"name":"test\\n","type":" MANAGED_TABLE\\n","dstSchemaName":"default\\n","schema":{"comment":"for mms test\\n","columns":[{"name":" user_id\\n","type":"bigint\\n","comment":"user id ","defaultValue":" 10\\n","nullable":true}]}}',
      ),
    );
    expect(table).toMatchObject({
      name: 'test',
      type: 'MANAGED_TABLE',
      comment: 'for mms test',
      columns: [{ name: 'user_id', type: 'bigint', comment: 'user id', defaultValue: '10', nullable: true }],
      destination: { projectName: null, schemaName: 'default', tableName: null },
    });
  });

  it('reads missing optional fields as null, no columns, no destination and no progress', () => {
    expect(readTable(record('{"id":22,"schema":{"columns":[{}]}}'))).toEqual({
      id: '22',
      sourceId: null,
      sourceName: null,
      dbId: null,
      dbName: null,
      name: null,
      type: null,
      hasPartitions: null,
      owner: null,
      location: null,
      inputFormat: null,
      outputFormat: null,
      serde: null,
      comment: null,
      columns: [{ name: null, type: null, comment: null, defaultValue: null, nullable: null }],
      partitionColumns: [],
      properties: [],
      size: null,
      numRows: null,
      status: null,
      unknownStatus: null,
      updated: null,
      lastDdlTime: null,
      destination: null,
      progress: { tables: null, partitions: null },
    });
    expect(readTable(record('{"id":22}'))).toMatchObject({ comment: null, columns: [], partitionColumns: [] });
  });

  it('keeps a status it does not know as sent, and sizes beyond 2^53 exact', () => {
    const table = readTable(record('{"id":1,"status":"ARCHIVED\\n","size":18446744073709551616,"numRows":9007199254740992}'));
    expect(table).toMatchObject({
      status: null,
      unknownStatus: 'ARCHIVED',
      size: { exact: false, digits: '18446744073709551616' },
      numRows: { exact: false, digits: '9007199254740992' },
    });
  });

  it('says which column is mistyped', () => {
    expect(() => readTable(record('{"id":1,"schema":{"columns":[{"name":"a"},{"name":"b","nullable":"false"}]}}'))).toThrow(
      /schema\.columns\[1\]: "nullable"/,
    );
    expect(() => readTable(record('{"id":1,"schema":{"comment":3}}'))).toThrow(/schema: "comment"/);
  });

  it('refuses a table without an ID', () => {
    expect(() => readTable(record('{"name":"test"}'))).toThrow(ShapeError);
  });
});

describe('properties from extra', () => {
  const properties = (extra: string) => readTable(record(`{"id":1,"extra":${JSON.stringify(extra)}}`)).properties;

  it('reads an empty object, an absent or empty field, and text that is not an object as no properties', () => {
    expect(properties('{}')).toEqual([]);
    expect(properties('')).toEqual([]);
    expect(properties('  ')).toEqual([]);
    expect(readTable(record('{"id":1}')).properties).toEqual([]);
    expect(readTable(record('{"id":1,"extra":null}')).properties).toEqual([]);
    for (const text of ['{"a":', 'not json', '["a","b"]', '[["a","b"]]', '"a=b"', 'null', '42', 'true']) {
      expect(properties(text)).toEqual([]);
    }
  });

  it('reads a non-string field as no properties rather than failing the record', () => {
    expect(readTable(record('{"id":1,"extra":{"a":"b"},"name":"t"}'))).toMatchObject({ properties: [], name: 't' });
    expect(readDatabase(record('{"id":1,"extra":5}')).properties).toEqual([]);
  });

  it('keeps the order the members were written in, integer-like keys too', () => {
    expect(properties('{"b":"1","2":"x","a":"y","1":"z"}').map((property) => property.key)).toEqual(['b', '2', 'a', '1']);
  });

  it('keeps string values as sent, blanks and escapes included', () => {
    expect(properties('{"field.delim":"\\t","serialization.format":" ","k\\"ey":"a\\\\b\\u00e9","colon":"a:b,c}"}')).toEqual([
      { key: 'field.delim', value: '\t' },
      { key: 'serialization.format', value: ' ' },
      { key: 'k"ey', value: 'a\\bé' },
      { key: 'colon', value: 'a:b,c}' },
    ]);
  });

  it('gives other values as their JSON text, wide integers exact', () => {
    expect(properties(' { "n" : 12345678901234567890 , "b":true,"z":null, "o" : {"x":[1, "]"]}, "l":[] } ')).toEqual([
      { key: 'n', value: '12345678901234567890' },
      { key: 'b', value: 'true' },
      { key: 'z', value: 'null' },
      { key: 'o', value: '{"x":[1, "]"]}' },
      { key: 'l', value: '[]' },
    ]);
  });

  it('keeps the last value of a repeated key, in the place of its first', () => {
    expect(properties('{"a":"1","b":"2","a":"3"}')).toEqual([
      { key: 'a', value: '3' },
      { key: 'b', value: '2' },
    ]);
  });

  it('reads the database field the same way', () => {
    expect(readDatabase(record(String.raw`{"id":1,"extra":"{\"comment\":\"x\"}"}`)).properties).toEqual([{ key: 'comment', value: 'x' }]);
  });
});

describe('mistyped fields', () => {
  it.each([
    ['data source', 'an ID with a fraction', readDataSource, '{"id":1.5}'],
    ['data source', 'a number for the name', readDataSource, '{"id":1,"name":7}'],
    ['data source', 'a string for agentIsOnline', readDataSource, '{"id":1,"agentIsOnline":"true"}'],
    ['data source', 'a string for dstProjects', readDataSource, '{"id":1,"dstProjects":"mms_test"}'],
    ['data source', 'a non-integer counter', readDataSource, '{"id":1,"tablesDoneNum":"12x"}'],
    ['data source', 'a counter beyond 2^53', readDataSource, '{"id":1,"dbNum":9007199254740993}'],
    ['database', 'a string for the size', readDatabase, '{"id":1,"size":"12x"}'],
    ['database', 'a string for deleted', readDatabase, '{"id":1,"deleted":"false"}'],
    ['database', 'a number for dstName', readDatabase, '{"id":1,"dstName":0}'],
    ['database', 'a fractional counter', readDatabase, '{"id":1,"tablesPartDone":1.5}'],
    ['table', 'a string for dbId', readTable, '{"id":1,"dbId":"x"}'],
    ['table', 'a string for hasPartitions', readTable, '{"id":1,"hasPartitions":"true"}'],
    ['table', 'a schema that is not an object', readTable, '{"id":1,"schema":"[]"}'],
    ['table', 'columns that are not a list', readTable, '{"id":1,"schema":{"columns":{}}}'],
    ['table', 'a column that is not an object', readTable, '{"id":1,"schema":{"columns":["user_id"]}}'],
    ['table', 'a number for a default value', readTable, '{"id":1,"schema":{"columns":[{"defaultValue":10}]}}'],
  ] as const)('%s: refuses %s', (_, __, read: (data: JsonObject) => unknown, text) => {
    expect(() => read(record(text))).toThrow(ShapeError);
  });
});
