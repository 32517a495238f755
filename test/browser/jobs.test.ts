import { mkdirSync } from 'node:fs';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExampleSite, startExampleSite, summaryReads } from '../support/example-frontend.js';
import { type Harness, startHarness } from '../support/harness.js';

// The example frontend's migration jobs against a gateway that serves job control: what a caller
// without a key sees, what the write key adds, and that a click is one call upstream.

const ARTIFACTS = new URL('../artifacts/', import.meta.url);
const WRITE_KEY = 'k-write-frontend-0123456789';
const HIVE_PROD = '200019';

interface SentRequest {
  method: string;
  operation: string;
  headers: Record<string, string>;
}

/** The page's requests to the gateway (preflights aside), with the operation each one names. */
function recordGatewayRequests(page: Page, graphqlUrl: string): SentRequest[] {
  const sent: SentRequest[] = [];
  page.on('request', (request: Request) => {
    if (!request.url().startsWith(graphqlUrl) || request.method() === 'OPTIONS') return;
    const body = request.postData();
    const query = body ? ((JSON.parse(body) as { query?: string }).query ?? '') : (new URL(request.url()).searchParams.get('query') ?? '');
    sent.push({
      method: request.method(),
      operation: /\b(?:query|mutation) (\w+)/.exec(query)?.[1] ?? '(by hash)',
      headers: request.headers(),
    });
  });
  return sent;
}

const texts = (page: Page, selector: string) => page.locator(selector).allTextContents();

describe("the example frontend's migration jobs in a real browser", () => {
  let harness: Harness;
  let site: ExampleSite;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    site = await startExampleSite();
    ({ browser } = site);
    [origin = ''] = site.origins;
    harness = await startHarness({
      env: { CORS_ORIGINS: origin, MMS_MUTATIONS: 'on', GATEWAY_WRITE_API_KEYS: WRITE_KEY, MMS_CACHE: 'on', LOG_LEVEL: 'info' },
      // Retried tasks take a step every 50 ms, so a retried job is DONE within the test.
      emulator: { jobStepMs: 50 },
    });
  });
  afterAll(async () => {
    await site?.close();
    await harness?.close();
  });

  const pageUrl = (hash: string) => `${origin}/?gateway=${encodeURIComponent(`${harness.url}/graphql`)}${hash}`;

  it("shows a source's jobs and a failed job's failed tasks, and no control buttons to a caller without a key", {
    timeout: 20_000,
  }, async () => {
    const page = await browser.newPage();
    const sent = recordGatewayRequests(page, `${harness.url}/graphql`);
    await page.goto(pageUrl(`#sources/${HIVE_PROD}`));
    await summaryReads(page, '6 tables');
    await page.getByRole('link', { name: 'Migration jobs of hive_prod' }).click();
    await summaryReads(page, 'Jobs 1–6 of 6 (every status)');
    expect(await page.textContent('#inventory-title')).toBe('Migration jobs of hive_prod');
    expect(await texts(page, '#inventory-rows tr td:first-child')).toEqual([
      'sales_daily',
      'sales_orders_fix',
      'page_views_history',
      'page_views_recent',
      'staging_orders_new',
      'staging_orders_tmp',
    ]);
    const failedJob = page.locator('#inventory-rows tr', { hasText: 'sales_orders_fix' });
    expect(await failedJob.locator('td').allTextContents()).toEqual(['sales_orders_fix', 'TABLES', 'FAILED', '0/2', 'no']);
    expect(await page.locator('#inventory-rows tr', { hasText: 'staging_orders_tmp' }).locator('td').last().textContent()).toBe('yes');

    await failedJob.getByRole('link', { name: 'sales_orders_fix' }).click();
    await summaryReads(page, 'Tasks 1–2 of 2');
    expect(page.url()).toContain(`#sources/${HIVE_PROD}/jobs/502`);
    expect(await page.textContent('#breadcrumbs')).toBe('Data sources › hive_prod › Migration jobs › sales_orders_fix');
    expect(await texts(page, '#inventory-rows tr.task td:nth-child(2)')).toEqual(['orders', 'clicks']);
    expect(await texts(page, '#inventory-rows tr.task .badge')).toEqual(['DATA_FAILED', 'VERIFICATION_FAILED']);
    expect(await page.textContent('#job-facts')).toContain('tables orders, clicks · orders → orders_v2');
    expect(await page.textContent('#job-facts .badge')).toBe('FAILED');
    // The gateway says this caller may not control jobs: not one button shows.
    expect(await page.locator('#job-controls button:visible').count()).toBe(0);
    expect(await page.isHidden('#job-retry')).toBe(true);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((request) => request.method === 'GET' && request.headers['x-api-key'] === undefined)).toBe(true);
  });

  it("shows a task's log: each step's statement, and the failed step's error", { timeout: 20_000 }, async () => {
    const page = await browser.newPage();
    await page.goto(pageUrl(`#sources/${HIVE_PROD}/jobs/502`));
    await summaryReads(page, 'Tasks 1–2 of 2');
    const orders = page.locator('#inventory-rows tr.task[data-task="5201"]');
    await orders.getByRole('button', { name: 'Show log' }).click();
    const entries = page.locator('#inventory-rows tr.task-log[data-log-for="5201"] table.log tbody tr');
    await entries.first().waitFor();
    const actions = await entries.locator('td:nth-child(3)').allTextContents();
    expect(actions[0]).toBe('show create table sales.orders;');
    expect(actions).toContain('create schema if not exists mms_sales.default;');
    expect(
      actions.some((action) => action.startsWith('insert overwrite table mms_sales.default.orders_v2 partition (dt, region) select')),
    ).toBe(true);
    expect(await texts(page, '#inventory-rows tr.task-log table.log tbody tr td:nth-child(2)')).toEqual([
      'INIT',
      'SCHEMA_DOING',
      'SCHEMA_DONE',
      'DATA_DOING',
      'DATA_FAILED',
    ]);
    expect(await entries.last().locator('td').last().textContent()).toBe(
      'ODPS-0130071:[1,8] Semantic analysis exception - column amt cannot be resolved',
    );
    await orders.getByRole('button', { name: 'Hide log' }).click();
    expect(await page.locator('#inventory-rows tr.task-log').count()).toBe(0);
  });

  it('with the write key typed in: Retry shows, one click is one RetryMmsJob call, and the job runs to DONE', {
    timeout: 30_000,
  }, async () => {
    const page = await browser.newPage();
    const sent = recordGatewayRequests(page, `${harness.url}/graphql`);
    await page.goto(pageUrl(`#sources/${HIVE_PROD}/jobs/502`));
    await summaryReads(page, 'Tasks 1–2 of 2');
    expect(await page.isHidden('#job-retry')).toBe(true);

    await page.fill('#api-key', WRITE_KEY);
    await page.press('#api-key', 'Enter');
    await page.locator('#job-retry').waitFor({ state: 'visible' });
    // A FAILED job that is not stopped: Retry only.
    expect(await page.locator('#job-controls button:visible').allTextContents()).toEqual(['Retry']);
    expect(await page.evaluate(() => sessionStorage.getItem('mms-example.api-key'))).toBe(WRITE_KEY);

    await page.click('#job-retry');
    await page
      .locator('#control-status', {
        hasText: /^Retry sent \(upstream request [0-9A-F-]{36}\); right after it the job was DOING, 0\/2 tasks done\.$/,
      })
      .waitFor();
    expect(harness.emulator.callsOf('RetryMmsJob', [HIVE_PROD, '502'])).toBe(1);
    const mutations = sent.filter((request) => request.operation === 'RetryJob');
    expect(mutations).toHaveLength(1);
    expect(mutations[0]).toMatchObject({ method: 'POST', headers: { 'x-api-key': WRITE_KEY, 'x-graphql-yoga-csrf': '1' } });
    // The page is read again at once, past the gateway's cache too: its tasks retried (the listing
    // cached before the click said otherwise), the job DOING with Stop instead of Retry, or already
    // DONE (its tasks take a step every 50 ms).
    await page.locator('#job-retry').waitFor({ state: 'hidden' });
    expect(await texts(page, '#inventory-rows tr.task td:nth-child(5)')).toEqual(['1', '1']);
    const refreshed = await page.textContent('#job-facts .badge');
    expect(['DOING', 'DONE']).toContain(refreshed);
    expect(await page.locator('#job-controls button:visible').allTextContents()).toEqual(refreshed === 'DOING' ? ['Stop'] : []);

    // Read again while it runs, until the emulator's steps have taken both tasks to DONE.
    await page.locator('#job-facts .badge', { hasText: /^DONE$/ }).waitFor({ timeout: 15_000 });
    await summaryReads(page, 'Tasks 1–2 of 2');
    expect(await texts(page, '#inventory-rows tr.task .badge')).toEqual(['DONE', 'DONE']);
    expect(await texts(page, '#inventory-rows tr.task td:nth-child(5)')).toEqual(['1', '1']);
    expect(await page.locator('#job-facts dd').nth(2).textContent()).toBe('2/2');
    expect(await page.locator('#job-controls button:visible').count()).toBe(0);
    expect(harness.emulator.callsOf('RetryMmsJob', [HIVE_PROD, '502'])).toBe(1);
    // Queries by GET with the key; the one mutation by POST.
    expect(sent.filter((request) => request.method !== 'GET').map((request) => request.operation)).toEqual(['RetryJob']);
    expect(sent.filter((request) => request.headers['x-api-key'] !== WRITE_KEY).every((request) => request.method === 'GET')).toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: new URL('frontend-job-page.png', ARTIFACTS).pathname, fullPage: true });
  });

  it("shows a control call's error as the gateway words it: a throttled Start, sent once", { timeout: 20_000 }, async () => {
    harness.emulator.setCallFault('StartMmsJob', [HIVE_PROD, '505'], { kind: 'error', status: 429, code: 'Throttling.User' });
    const page = await browser.newPage();
    // The key typed in before stays for the tab only: a new page starts without one.
    await page.goto(pageUrl(`#sources/${HIVE_PROD}/jobs/505`));
    await summaryReads(page, 'Tasks 1–1 of 1');
    expect(await page.inputValue('#api-key')).toBe('');
    await page.fill('#api-key', WRITE_KEY);
    await page.press('#api-key', 'Enter');
    await page.locator('#job-start').waitFor({ state: 'visible' });
    expect(await page.locator('#job-controls button:visible').allTextContents()).toEqual(['Start']);
    const answered = page.waitForResponse((response) => response.request().method() === 'POST');
    await page.click('#job-start');
    const answer = (await (await answered).json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
    expect(answer.errors?.[0]?.extensions?.code).toBe('UPSTREAM_THROTTLED');
    const message = answer.errors?.[0]?.message ?? '';
    await page.locator('#control-status.error', { hasText: message }).waitFor();
    expect(await page.textContent('#control-status')).toBe(message);
    expect(harness.emulator.callsOf('StartMmsJob', [HIVE_PROD, '505'])).toBe(1);
    // Nothing changed upstream: the job is INIT and may be started again.
    expect(await page.textContent('#job-facts .badge')).toBe('INIT');
    expect(await page.isEnabled('#job-start')).toBe(true);
  });
});
