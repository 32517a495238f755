import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildExample } from '../../scripts/example-site.js';
import { launchChromium } from './browser.js';
import { freePort } from './ports.js';

/** Serves a built examples/browser as a static site on its own origin (loopback, `port`). */
async function serveStaticSite(directory: string, port: number): Promise<Server> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = join(directory, path === '/' ? 'index.html' : path.slice(1));
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

/** Waits until the inventory screen's summary line reads exactly `text`. */
export async function summaryReads(page: Page, text: string, timeout = 20_000): Promise<void> {
  await page
    .locator('#inventory-summary', { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
    .waitFor({ timeout });
}

export interface ExampleSite {
  /** The loopback origins the build is served from, one per server asked for. */
  origins: string[];
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The same static build as `npm run build:example`, in a directory of its own, served from
 * `count` origins (pages of a listed origin and of an unlisted one), and Debian's Chromium.
 */
export async function startExampleSite(count = 1): Promise<ExampleSite> {
  const site = mkdtempSync(join(tmpdir(), 'mms-example-'));
  await buildExample(site);
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  const servers = await Promise.all(ports.map((port) => serveStaticSite(site, port)));
  const browser = await launchChromium();
  return {
    origins: ports.map((port) => `http://127.0.0.1:${port}`),
    browser,
    close: async () => {
      await browser.close();
      for (const server of servers) server.close();
      rmSync(site, { recursive: true, force: true });
    },
  };
}
