import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExampleSite, startExampleSite, summaryReads } from '../support/example-frontend.js';
import { type Harness, startHarness } from '../support/harness.js';

const ARTIFACTS = new URL('../artifacts/', import.meta.url);

describe('the example frontend in a real browser', () => {
  let harness: Harness;
  let site: ExampleSite;
  let browser: Browser;
  let allowedOrigin: string;
  let otherOrigin: string;

  beforeAll(async () => {
    site = await startExampleSite(2);
    ({ browser } = site);
    [allowedOrigin = '', otherOrigin = ''] = site.origins;
    harness = await startHarness({ env: { CORS_ORIGINS: allowedOrigin, MMS_CACHE: 'on' } });
  });
  afterAll(async () => {
    await site?.close();
    await harness?.close();
  });

  const pageUrl = (origin: string) => `${origin}/?gateway=${encodeURIComponent(`${harness.url}/graphql`)}`;

  it('renders the partitions from a listed origin, then reloads by persisted-query hash with a cacheable GET', {
    timeout: 60_000,
  }, async () => {
    const page = await browser.newPage();
    const gatewayCalls: { method: string; hashOnly: boolean; cacheControl: string | undefined }[] = [];
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (!url.href.startsWith(`${harness.url}/graphql`) || response.request().method() === 'OPTIONS') return;
      gatewayCalls.push({
        method: response.request().method(),
        hashOnly: !url.searchParams.has('query'),
        cacheControl: response.headers()['cache-control'],
      });
    });
    await page.goto(pageUrl(allowedOrigin));
    await page.waitForFunction(() => !document.getElementById('summary')?.textContent?.startsWith('Loading'));
    expect(await page.locator('#rows tr').count()).toBe(9);
    expect(await page.textContent('#summary')).toBe('3 DONE, 2 DOING, 2 FAILED, 2 INIT');
    const statuses = await page.locator('.badge').allTextContents();
    expect(statuses.sort()).toEqual(['DOING', 'DOING', 'DONE', 'DONE', 'DONE', 'FAILED', 'FAILED', 'INIT', 'INIT'].sort());
    expect(await page.locator('#rows tr').first().textContent()).toContain('t1');
    // First load: the hash alone is unknown, so the query follows; both by GET.
    expect(gatewayCalls.map((call) => [call.method, call.hashOnly])).toEqual([
      ['GET', true],
      ['GET', false],
    ]);

    gatewayCalls.length = 0;
    await page.reload();
    await page.waitForFunction(() => !document.getElementById('summary')?.textContent?.startsWith('Loading'));
    expect(gatewayCalls).toHaveLength(1);
    expect(gatewayCalls[0]).toMatchObject({ method: 'GET', hashOnly: true });
    expect(gatewayCalls[0]?.cacheControl).toMatch(/^private, max-age=\d+$/);
    // Closed, so that its live feed polls nothing while the tests below count upstream calls.
    await page.close();
  });

  it("navigates from the data sources to a table's partitions, filtered by status, page by page", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    const methods: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(`${harness.url}/graphql`) && request.method() !== 'OPTIONS') methods.push(request.method());
    });
    await page.goto(pageUrl(allowedOrigin));
    await page.waitForFunction(() => !document.getElementById('summary')?.textContent?.startsWith('Loading'));

    await page.click('#tab-sources');
    await summaryReads(page, '7 data sources');
    expect(await page.isHidden('#dashboard')).toBe(true);
    expect(await page.locator('#inventory-rows tr').count()).toBe(7);
    const hiveRow = page.locator('#inventory-rows tr', { hasText: 'hive_prod' });
    expect(await hiveRow.locator('td').allTextContents()).toEqual([
      'hive_prod',
      'HIVE',
      'STARTED',
      'cn-hangzhou',
      '1/6 done · 2 doing · 2 failed',
      '148/258 done · 22 doing · 7 failed',
    ]);

    await hiveRow.getByRole('link', { name: 'hive_prod', exact: true }).click();
    await summaryReads(page, '6 tables');
    expect(await page.textContent('#inventory-title')).toBe('hive_prod');
    expect(await page.locator('#inventory-rows tr td:first-child').allTextContents()).toEqual([
      'orders',
      'clicks',
      'page_views',
      'customers',
      'orders_tmp',
      'orders_new',
    ]);

    await page.getByRole('link', { name: 'page_views', exact: true }).click();
    await summaryReads(page, 'Partitions 1–20 of 250 (every status): 20 DONE');
    expect(await page.textContent('#inventory-title')).toBe('sales.page_views');
    expect(await page.textContent('#breadcrumbs')).toBe('Data sources › hive_prod › page_views');
    // A small page, so that the six FAILED partitions take two.
    await page.selectOption('#page-size', '5');
    await summaryReads(page, 'Partitions 1–5 of 250 (every status): 5 DONE');
    await page.check('input[name=status][value=FAILED]');
    await summaryReads(page, 'Partitions 1–5 of 6 (FAILED): 5 FAILED');
    expect(await page.locator('#inventory-rows .badge').allTextContents()).toEqual(Array(5).fill('FAILED'));
    const firstPage = await page.locator('#inventory-rows tr td:first-child').allTextContents();
    expect(firstPage[0]).toBe('dt=2024-11-02, hour=12');
    expect(await page.isVisible('#next-page')).toBe(true);

    await page.click('#next-page');
    await summaryReads(page, 'Partitions 6–6 of 6 (FAILED): 1 FAILED');
    expect(await page.locator('#inventory-rows .badge').allTextContents()).toEqual(['FAILED']);
    const secondPage = await page.locator('#inventory-rows tr td:first-child').allTextContents();
    expect(secondPage).toEqual(['dt=2024-11-10, hour=05']);
    expect(firstPage).not.toContain(secondPage[0]);
    expect(await page.isHidden('#next-page')).toBe(true);
    expect(await page.isChecked('input[name=status][value=FAILED]')).toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: new URL('frontend-partitions-by-status.png', ARTIFACTS).pathname, fullPage: true });

    // The page is in the location: Back shows the first page again.
    await page.goBack();
    await summaryReads(page, 'Partitions 1–5 of 6 (FAILED): 5 FAILED');
    expect(await page.locator('#inventory-rows tr td:first-child').allTextContents()).toEqual(firstPage);
    // Every query went as a persisted query by GET.
    expect(methods.length).toBeGreaterThan(0);
    expect(new Set(methods)).toEqual(new Set(['GET']));
    await page.close();
  });

  it('is blocked by the browser from an origin that is not listed, with no upstream call', { timeout: 60_000 }, async () => {
    harness.emulator.reset();
    const page = await browser.newPage();
    await page.goto(pageUrl(otherOrigin));
    await page.waitForFunction(() => !document.getElementById('summary')?.textContent?.startsWith('Loading'));
    expect(await page.textContent('#summary')).toMatch(/could not be reached/);
    expect(await page.locator('#rows tr').count()).toBe(0);
    expect(harness.emulator.stats().total).toBe(0);
  });

  it('refuses a cross-site form-style POST (text/plain) by CSRF prevention', { timeout: 60_000 }, async () => {
    harness.emulator.reset();
    const page = await browser.newPage();
    await page.goto(pageUrl(otherOrigin));
    await page.evaluate(async (gateway) => {
      await fetch(gateway, {
        method: 'POST',
        mode: 'no-cors',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ query: '{ mmsPartition(sourceId: "200019", partitionId: "3001") { id } }' }),
      });
    }, `${harness.url}/graphql`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(harness.emulator.stats().total).toBe(0);
    const refused = harness.logs
      .map((line) => JSON.parse(line) as { msg?: string; status?: number })
      .filter((line) => line.msg === 'graphql request' && line.status === 403);
    expect(refused.length).toBeGreaterThan(0);
  });
});
