import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { type Harness, startHarness } from '../support/harness.js';

const ARTIFACTS = new URL('../artifacts/', import.meta.url);

describe('GraphiQL in a real browser', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  it('loads only from the gateway, runs its example query and shows the partition', { timeout: 60_000 }, async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const hosts = new Set<string>();
      const violations: string[] = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.protocol.startsWith('http')) hosts.add(url.host);
      });
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      const response = await page.goto(`${harness.url}/graphql`);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      expect(await page.title()).toBe('MMS GraphQL gateway');
      await page.locator('.graphiql-execute-button').click({ timeout: 30_000 });
      // Monaco renders spaces as no-break spaces.
      await page.waitForFunction(() => /"tableName":\s*"t1"/.test((document.body.textContent ?? '').replace(/\u00a0/g, ' ')), undefined, {
        timeout: 30_000,
      });
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: new URL('graphiql.png', ARTIFACTS).pathname });
      expect([...hosts]).toEqual([new URL(harness.url).host]);
      expect(violations).toEqual([]);
      expect(harness.emulator.calls(200018, 2323)).toBe(1);
    } finally {
      await browser.close();
    }
  });

  it('is off with GRAPHIQL=off, and off by default in production', async () => {
    const settings: Record<string, string>[] = [{ GRAPHIQL: 'off' }, { NODE_ENV: 'production' }];
    for (const env of settings) {
      const off = await startHarness({ env });
      try {
        const page = await fetch(`${off.url}/graphql`, { headers: { accept: 'text/html' } });
        expect(page.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
        expect((await fetch(`${off.url}/graphiql/graphiql.js`)).status).not.toBe(200);
      } finally {
        await off.close();
      }
    }
  });
});
