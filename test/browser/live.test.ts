import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorOptions } from '../../src/emulator/server.js';
import { type ExampleSite, startExampleSite, summaryReads } from '../support/example-frontend.js';
import { type Harness, startHarness } from '../support/harness.js';

// The example frontend's live status: its partition tables follow mmsPartitionChanged over graphql-ws,
// so statuses change on screen without a reload, and the feed stops when the screen changes.

// Every partition polled each second, whatever its status.
const FAST_WATCH = { MMS_WATCH_ACTIVE_S: '1', MMS_WATCH_IDLE_S: '1', MMS_WATCH_TERMINAL_S: '1' };

/** Marks the page's window and counts its document loads: both show that no reload happened (hash changes load nothing). */
async function watchForReloads(page: Page): Promise<{ reloaded(): Promise<boolean> }> {
  let loads = 0;
  page.on('load', () => {
    loads += 1;
  });
  await page.evaluate(() => {
    (window as { liveMarker?: string }).liveMarker = 'set before the change';
  });
  return {
    reloaded: async () =>
      loads > 0 || (await page.evaluate(() => (window as { liveMarker?: string }).liveMarker)) !== 'set before the change',
  };
}

/** The gateway's `mms_watch_subscribers` gauge. */
async function subscribers(harness: Harness): Promise<number> {
  const metrics = await (await fetch(`${harness.url}/metrics`)).text();
  return Number(/^mms_watch_subscribers (\d+)$/m.exec(metrics)?.[1] ?? Number.NaN);
}

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

const rowOf = (page: Page, table: '#rows' | '#inventory-rows', key: string) => page.locator(`${table} tr[data-partition="${key}"]`);

describe('live status in the example frontend', () => {
  let site: ExampleSite;
  let browser: Browser;
  let origin: string;
  const harnesses: Harness[] = [];

  beforeAll(async () => {
    site = await startExampleSite();
    ({ browser } = site);
    [origin = ''] = site.origins;
  });
  afterAll(async () => {
    await site?.close();
    for (const harness of harnesses) await harness.close();
  });

  async function gateway(emulator?: EmulatorOptions): Promise<Harness> {
    const harness = await startHarness({ env: { CORS_ORIGINS: origin, ...FAST_WATCH }, ...(emulator && { emulator }) });
    harnesses.push(harness);
    return harness;
  }

  const pageUrl = (harness: Harness, hash = '') => `${origin}/?gateway=${encodeURIComponent(`${harness.url}/graphql`)}${hash}`;

  it('updates a dashboard row and the summary line as the partition changes, marks an unreadable one, and stops on leaving', {
    timeout: 40_000,
  }, async () => {
    const harness = await gateway();
    const page = await browser.newPage();
    await page.goto(pageUrl(harness));
    await page.locator('#summary', { hasText: /^3 DONE, 2 DOING, 2 FAILED, 2 INIT$/ }).waitFor();
    await page.locator('#live[data-state="live"]').waitFor({ timeout: 10_000 });
    expect(await page.textContent('#live')).toBe('live');
    const reloads = await watchForReloads(page);

    const orders = '200019/3001';
    const before = harness.emulator.data.get(orders);
    expect(await rowOf(page, '#rows', orders).locator('.badge').textContent()).toBe('DOING');
    harness.emulator.data.set(orders, { ...before, status: 'DONE', size: 2048, numRows: 7 });
    await rowOf(page, '#rows', orders)
      .locator('.badge', { hasText: /^DONE$/ })
      .waitFor({ timeout: 5_000 });
    expect(await rowOf(page, '#rows', orders).locator('td').allTextContents()).toEqual([
      'orders',
      'dt=2024-12-01, region=cn',
      '2.0 KB',
      '7',
      'DONE',
    ]);
    await page.locator('#summary', { hasText: /^4 DONE, 2 FAILED, 2 INIT, 1 DOING$/ }).waitFor({ timeout: 2_000 });

    // A key that cannot be read any more: its row keeps what it said, greyed out, and counts apart.
    const gone = '200019/3004';
    const kept = harness.emulator.data.get(gone);
    harness.emulator.data.delete(gone);
    await page.locator('#summary', { hasText: /^4 DONE, 2 FAILED, 1 DOING, 1 INIT \(1 unreadable\)$/ }).waitFor({ timeout: 5_000 });
    expect(await rowOf(page, '#rows', gone).getAttribute('class')).toBe('stale');
    if (kept) harness.emulator.data.set(gone, kept);
    await page.locator('#summary', { hasText: /^4 DONE, 2 FAILED, 2 INIT, 1 DOING$/ }).waitFor({ timeout: 5_000 });
    expect(await reloads.reloaded()).toBe(false);

    // Another screen: the stream is closed, and the gateway stops watching.
    await page.click('#tab-sources');
    await summaryReads(page, '7 data sources');
    expect(await page.isHidden('#live')).toBe(true);
    expect(await eventually(async () => (await subscribers(harness)) === 0, 5_000)).toBe(true);
    // Back: followed again, from the partitions' current state.
    await page.click('#tab-dashboard');
    await page.locator('#live[data-state="live"]').waitFor({ timeout: 5_000 });
    expect(await subscribers(harness)).toBeGreaterThan(0);
    expect(await reloads.reloaded()).toBe(false);
    await page.close();
    expect(await eventually(async () => (await subscribers(harness)) === 0, 5_000)).toBe(true);
  });

  it("follows npm start's moving demo on a table's partitions: DOING, then one DONE and one FAILED, without a reload", {
    timeout: 40_000,
  }, async () => {
    // staging_orders_new's task fails its data step after four steps (6 s here): its two partitions DOING until then.
    const harness = await gateway({ movingDemo: true, jobStepMs: 1_500 });
    const page = await browser.newPage();
    await page.goto(pageUrl(harness, '#sources/200019/tables/82'));
    await summaryReads(page, 'Partitions 1–2 of 2 (every status): 2 DOING');
    await page.locator('#live[data-state="live"]').waitFor({ timeout: 5_000 });
    const reloads = await watchForReloads(page);

    await summaryReads(page, 'Partitions 1–2 of 2 (every status): 1 DONE, 1 FAILED', 20_000);
    expect(await rowOf(page, '#inventory-rows', '200019/3201').locator('.badge').textContent()).toBe('DONE');
    expect(await rowOf(page, '#inventory-rows', '200019/3202').locator('.badge').textContent()).toBe('FAILED');
    expect(await reloads.reloaded()).toBe(false);

    // Leaving the page for the source's tables ends the feed.
    await page.getByRole('link', { name: 'hive_prod' }).click();
    await summaryReads(page, '6 tables');
    expect(await eventually(async () => (await subscribers(harness)) === 0, 5_000)).toBe(true);
    await page.close();
  });

  it('connects again after failed attempts, pausing longer each time, and is live once the gateway answers', {
    timeout: 40_000,
  }, async () => {
    const harness = await gateway();
    const page = await browser.newPage();
    const attempts: number[] = [];
    let refusing = true;
    // The gateway's socket, refused with "try again later" until the test lets it through.
    await page.routeWebSocket(`${harness.url.replace(/^http/, 'ws')}/graphql`, (socket) => {
      attempts.push(Date.now());
      if (refusing) socket.close({ code: 1013, reason: 'refused by the test' });
      else socket.connectToServer();
    });
    await page.goto(pageUrl(harness));
    await page.locator('#summary', { hasText: /^3 DONE, 2 DOING, 2 FAILED, 2 INIT$/ }).waitFor();
    await page.locator('#live[data-state="retrying"]').waitFor({ timeout: 5_000 });
    expect(await page.textContent('#live')).toMatch(/^offline, retrying in \d+ s$/);
    expect(await eventually(async () => attempts.length >= 3, 10_000)).toBe(true);
    refusing = false;
    const [first = 0, second = 0, third = 0] = attempts;
    // About 1 s, then about 2 s (each ±20%).
    expect(second - first).toBeGreaterThanOrEqual(700);
    expect(third - second).toBeGreaterThan(second - first);
    // The second pause doubled: at least 2 s less 20%, which a constant pause of 1 s never reaches.
    expect(third - second).toBeGreaterThanOrEqual(1_600);
    await page.locator('#live[data-state="live"]').waitFor({ timeout: 10_000 });

    const clicks = '200019/3101';
    harness.emulator.data.set(clicks, { ...harness.emulator.data.get(clicks), status: 'FAILED' });
    await rowOf(page, '#rows', clicks)
      .locator('.badge', { hasText: /^FAILED$/ })
      .waitFor({ timeout: 5_000 });
    await page.locator('#summary', { hasText: /^3 DONE, 1 DOING, 3 FAILED, 2 INIT$/ }).waitFor({ timeout: 2_000 });
    await page.close();
  });
});
