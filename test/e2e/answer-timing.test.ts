import type { Plugin } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

// Answers leave in the event loop's check phase, after the reads of their turn (see
// plugins/answers-after-reads.ts). Observed from inside the gateway: a callback queued for the
// check phase when a request arrives runs before that request's answer is handed over.
describe('answer timing', () => {
  const events: string[] = [];
  const observer: Plugin = {
    onRequest: () => {
      setImmediate(() => events.push('check phase'));
    },
    onResponse: () => {
      events.push('answer handed over');
    },
  };
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ plugins: [observer] });
  });
  afterAll(() => harness.close());

  it('hands an answer to the HTTP server only once the check phase of its turn has come', async () => {
    // A GET without a body: without the deferral the whole request runs within one read.
    const response = await fetch(`${harness.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'x-graphql-yoga-csrf': '1' },
    });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    expect(events).toEqual(['check phase', 'answer handed over']);
  });
});
