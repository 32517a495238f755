import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, findBreakingChanges, findDangerousChanges, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchPartition, summarisePartitions } from '../../examples/client.js';
import { schema } from '../../src/schema/index.js';
import { type Harness, startHarness } from '../support/harness.js';

const ROOT = new URL('../..', import.meta.url);
const publishedSchema = () => buildSchema(readFileSync(new URL('schema.graphql', ROOT), 'utf8'));

describe('schema-driven codegen', () => {
  it('generates exactly the committed typed documents (run `npm run codegen`)', async () => {
    const target = await mkdtemp(join(tmpdir(), 'mms-codegen-'));
    // The generator runs in its own Node process, as `npm run codegen` does: inside the test
    // runner, graphql's CommonJS and ESM builds would both load and change its output.
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'test/support/generate-typed-documents.ts', target], {
      cwd: fileURLToPath(ROOT),
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const committed = fileURLToPath(new URL('examples/generated', ROOT));
    expect((await readdir(target)).sort()).toEqual((await readdir(committed)).sort());
    for (const file of await readdir(target)) {
      expect(await readFile(join(target, file), 'utf8'), file).toBe(await readFile(join(committed, file), 'utf8'));
    }
  });

  describe('the typed example client against the running gateway', () => {
    let harness: Harness;
    beforeAll(async () => {
      harness = await startHarness();
    });
    afterAll(() => harness.close());

    it('reads the published example with the generated types', async () => {
      const partition = await fetchPartition(`${harness.url}/graphql`, '200018', '2323');
      expect(typeof partition?.size).toBe('number');
      expect(partition).toMatchObject({
        id: '2323',
        size: 12323,
        status: 'DONE',
        source: { name: 'demo' },
        destination: { projectName: 'mms_test' },
      });
    });

    it('sums sizes beyond 2^32 as numbers and counts statuses', async () => {
      const summary = await summarisePartitions(`${harness.url}/graphql`, [
        { sourceId: '200019', partitionId: '3001' },
        { sourceId: '200019', partitionId: '3002' },
        { sourceId: '200019', partitionId: '3003' },
        { sourceId: '200018', partitionId: '1' },
      ]);
      expect(summary.partitions).toHaveLength(3);
      expect(summary.totalBytes).toBe(2_500_000_001 + 2048 + 5_000_000_000);
      expect(summary.byStatus).toEqual({ DOING: 1, DONE: 1, FAILED: 1 });
      expect(summary.unreadable).toBe(1);
    });
  });
});

function breakingChanges(before: GraphQLSchema, after: GraphQLSchema): string[] {
  return [...findBreakingChanges(before, after), ...findDangerousChanges(before, after)].map(
    (change) => `${change.type}: ${change.description}`,
  );
}

describe('schema compatibility policy', () => {
  it('the code makes no breaking or dangerous change to the published schema.graphql', () => {
    // A break is allowed only together with an updated schema.graphql (npm run print-schema),
    // which makes it visible in review; this test then compares equal again.
    expect(breakingChanges(publishedSchema(), schema)).toEqual([]);
  });

  it('detects what would break clients: a removed field, a changed type, a required input', () => {
    const published = publishedSchema();
    const changed = buildSchema(
      readFileSync(new URL('schema.graphql', ROOT), 'utf8')
        .replace(/"{3}[\s\S]*?"{3}/g, '')
        // MmsPartition's own fields: the first type printed with them after it.
        .replace(/(type MmsPartition \{[^}]*?)\n\s*numRows: SafeInt\n/, '$1\n')
        .replace(/(type MmsPartition \{[^}]*?\n\s*)size: SafeInt\n/, '$1size: String\n')
        .replace(/^(input MmsPartitionKey \{)/m, '$1\n  region: String!'),
    );
    const found = breakingChanges(published, changed).join('\n');
    expect(found).toContain('MmsPartition.numRows was removed');
    expect(found).toContain('MmsPartition.size changed type');
    expect(found).toContain('A required field region on input type MmsPartitionKey was added');
  });
});
