import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// The benchmark smoke run and the 20,000-request load test saturate both cores: they run in
// their own group, after everything else, so that start-up and shutdown tests of real
// processes keep their time.
const HEAVY = ['test/bench/**/*.test.ts', 'test/resilience/load.test.ts'];

export default defineConfig({
  // graphql 16 ships a CommonJS and an ESM build; Node (and so yoga and Pothos) loads the
  // CommonJS one. Tests must load the same copy, or `instanceof GraphQLError` fails.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      { extends: true, test: { name: 'main', include: ['test/**/*.test.ts'], exclude: HEAVY, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'heavy', include: HEAVY, sequence: { groupOrder: 1 } } },
    ],
  },
});
