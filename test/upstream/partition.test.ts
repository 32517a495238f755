import { describe, expect, it } from 'vitest';
import { readAnswer } from '../../src/upstream/action.js';
import { GET_MMS_PARTITION, partitionParams } from '../../src/upstream/actions/partition.js';
import { UpstreamError } from '../../src/upstream/errors.js';
import { canonicalId, type PartitionKey, parsePartitionSpec } from '../../src/upstream/partition.js';

/** A GetMmsPartition answer read as the client reads it. */
const readPartitionResponse = (body: string, key: PartitionKey, headerRequestId: string | null) =>
  readAnswer(GET_MMS_PARTITION, partitionParams(key), body, headerRequestId).result;

const KEY = { sourceId: '200018', partitionId: '2323' };

describe('canonicalId', () => {
  it('keeps one form per ID', () => {
    expect(canonicalId('007')).toBe('7');
    expect(canonicalId(7)).toBe('7');
    expect(canonicalId('0')).toBe('0');
    expect(canonicalId('0000')).toBe('0');
    expect(canonicalId('9223372036854775807')).toBe('9223372036854775807');
    expect(canonicalId('00000000000000000000009223372036854775807')).toBe('9223372036854775807');
  });

  it.each(['', 'abc', '-1', '1.5', '1/../2', '%2e', '9223372036854775808', ' 7', '٣'])('refuses %j', (input) => {
    expect(canonicalId(input)).toBeNull();
  });

  it('refuses unsafe or negative numbers', () => {
    expect(canonicalId(-1)).toBeNull();
    expect(canonicalId(1.5)).toBeNull();
    expect(canonicalId(2 ** 60)).toBeNull();
  });
});

describe('parsePartitionSpec', () => {
  it('splits columns in order and decodes Hive escapes on both sides', () => {
    expect(parsePartitionSpec('p1=1/p2=abc')).toEqual([
      { column: 'p1', value: '1' },
      { column: 'p2', value: 'abc' },
    ]);
    expect(parsePartitionSpec('url=https%3A%2F%2Fx%2Fa%3Db/c%3Dd=100%25')).toEqual([
      { column: 'url', value: 'https://x/a=b' },
      { column: 'c=d', value: '100%' },
    ]);
  });

  it('keeps an empty value, and gives no columns for no spec', () => {
    expect(parsePartitionSpec('p1=')).toEqual([{ column: 'p1', value: '' }]);
    expect(parsePartitionSpec(null)).toEqual([]);
    expect(parsePartitionSpec('')).toEqual([]);
  });
});

describe('reading a GetMmsPartition answer', () => {
  it('trims every string and keeps integers exact', () => {
    const partition = readPartitionResponse(
      '{"requestId":"R\\n","data":{"id":2323,"sourceId":200018,"dbName":" d1\\n","value":"p1=1\\n","size":5000000000,"numRows":9007199254740993,"tableId":18446744073709551615,"status":"DONE\\n"}}',
      KEY,
      null,
    );
    expect(partition).toMatchObject({
      dbName: 'd1',
      value: 'p1=1',
      spec: [{ column: 'p1', value: '1' }],
      size: { exact: true, value: 5_000_000_000 },
      numRows: { exact: false, digits: '9007199254740993' },
      tableId: '18446744073709551615',
      status: 'DONE',
      destination: null,
    });
  });

  it('reads a 200 without data as NOT_FOUND, keeping the request id', () => {
    const error = (() => {
      try {
        readPartitionResponse('{"requestId":"REQ-1\\n"}', KEY, null);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', upstreamRequestId: 'REQ-1' });
  });

  it('reads the database ID under its old spelling DbId too, the current one first', () => {
    const read = (fields: string) => readPartitionResponse(`{"data":{"id":2323,"sourceId":200018${fields}}}`, KEY, null).dbId;
    expect(read(',"DbId":2')).toBe('2');
    expect(read(',"dbId":12,"DbId":2')).toBe('12');
    expect(read(',"dbId":null,"DbId":"02"')).toBe('2');
    expect(read('')).toBeNull();
    expect(() => read(',"DbId":"x"')).toThrow(expect.objectContaining({ code: 'UPSTREAM_BAD_RESPONSE' }));
  });

  it.each([
    ['not JSON', '<html>'],
    ['a number', '42'],
    ['data not an object', '{"data":"x"}'],
    ['a string where an integer belongs', '{"data":{"size":"12x"}}'],
    ['a fractional size', '{"data":{"size":1.5}}'],
    // Whole in value, but not written as an integer: refused whichever parser reads the text.
    ['a size written with a fraction', '{"data":{"size":5.0}}'],
    ['a size written with an exponent', '{"data":{"size":5e9}}'],
    ['a number where a string belongs', '{"data":{"tableName":7}}'],
    ['a string where a boolean belongs', '{"data":{"updated":"false"}}'],
  ])('reads %s as UPSTREAM_BAD_RESPONSE', (_, body) => {
    expect(() => readPartitionResponse(body, KEY, null)).toThrow(expect.objectContaining({ code: 'UPSTREAM_BAD_RESPONSE' }));
  });

  it('reads the same whether or not the text holds numbers the native parser would round', () => {
    // Digits, dots and exponents inside strings are not numbers: this answer takes the fast path.
    const plain =
      '{"requestId":"7E5A-1.5e3","data":{"id":2323,"sourceId":200018,"tableId":123456789012345,"tableName":"t1.e2 1234567890123456","dbName":"x\\"","size":5000000000}}';
    // The same answer with one 64-bit integer: read by the lossless parser. The escaped quote before
    // it must not shift which text counts as a string (that would hide the number and round it).
    const wide = plain.replace('"size":5000000000', '"size":5000000000,"numRows":9223372036854775807,"lastDdlTime":"t"');
    const fast = readPartitionResponse(plain, KEY, null);
    const exact = readPartitionResponse(wide, KEY, null);
    expect(fast).toMatchObject({
      tableId: '123456789012345',
      tableName: 't1.e2 1234567890123456',
      dbName: 'x"',
      size: { exact: true, value: 5_000_000_000 },
    });
    expect(exact).toEqual({ ...fast, numRows: { exact: false, digits: '9223372036854775807' }, lastDdlTime: 't' });
  });
});
