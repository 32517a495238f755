import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoDataSet, loadDataSet } from '../../src/emulator/data.js';

describe('emulator data sets', () => {
  it('holds the published example, every status, large sizes and a partition without destination', () => {
    const data = demoDataSet();
    expect(data.get('200018/2323')).toMatchObject({ value: 'p1=1/p2=abc\n', status: 'DONE' });
    const partitions = [...data.values()];
    expect(new Set(partitions.map((p) => p.status))).toEqual(new Set(['INIT', 'DOING', 'DONE', 'FAILED']));
    expect(partitions.some((p) => Number(p.size) > 2 ** 32)).toBe(true);
    expect(partitions.some((p) => Number(p.size) > 2 ** 31 && Number(p.size) < 2 ** 32)).toBe(true);
    expect(partitions.some((p) => !('dstProjectName' in p))).toBe(true);
    expect(partitions.some((p) => String(p.value).includes('%2F'))).toBe(true);
  });

  it('loads a user file, keeping integers beyond 2^53 exact', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'mms-data-')), 'partitions.json');
    await writeFile(file, '[{"id": 1, "sourceId": 2, "size": 9007199254740993, "tableName": "t"}]');
    const data = await loadDataSet(file);
    expect(data.get('2/1')).toEqual({ id: 1, sourceId: 2, size: 9007199254740993n, tableName: 't' });
  });

  it('refuses a file that is not an array of partitions with IDs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mms-data-'));
    await writeFile(join(dir, 'a.json'), '{"id": 1}');
    await writeFile(join(dir, 'b.json'), '[{"tableName": "t"}]');
    await expect(loadDataSet(join(dir, 'a.json'))).rejects.toThrow(/JSON array/);
    await expect(loadDataSet(join(dir, 'b.json'))).rejects.toThrow(/sourceId/);
  });
});
