import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// Test files run two at a time (vitest's default on two cores is one). The benchmark smoke run
// and the 20,000-request load test saturate both cores: they run in their own group, after the
// others, so that start-up and shutdown tests of real processes keep their time; the cluster
// quota test counts calls per second across processes and runs alone, last.
const HEAVY = ['test/bench/**/*.test.ts', 'test/resilience/load.test.ts'];
const ALONE = ['test/cluster/quota.test.ts'];

export default defineConfig({
  // graphql 16 ships a CommonJS and an ESM build; Node (and so yoga and Pothos) loads the
  // CommonJS one. Tests must load the same copy, or `instanceof GraphQLError` fails.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: { name: 'main', include: ['test/**/*.test.ts'], exclude: [...HEAVY, ...ALONE], maxWorkers: 2, sequence: { groupOrder: 0 } },
      },
      { extends: true, test: { name: 'heavy', include: HEAVY, maxWorkers: 2, sequence: { groupOrder: 1 } } },
      { extends: true, test: { name: 'alone', include: ALONE, maxWorkers: 1, sequence: { groupOrder: 2 } } },
    ],
  },
});
