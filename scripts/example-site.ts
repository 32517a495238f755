import { fileURLToPath } from 'node:url';
import { type BuildOptions, build, context } from 'esbuild';

// The example frontend (examples/browser) as a static site: index.html, the bundled main.js and
// style.css, side by side, so that any static file server can serve the directory as it is.

export const EXAMPLE_SOURCE = fileURLToPath(new URL('../examples/browser/', import.meta.url));
export const EXAMPLE_DIST = fileURLToPath(new URL('../examples/browser/dist/', import.meta.url));

function siteOptions(outdir: string): BuildOptions {
  return {
    entryPoints: ['main.ts', 'index.html', 'style.css'].map((file) => `${EXAMPLE_SOURCE}${file}`),
    outbase: EXAMPLE_SOURCE,
    outdir,
    // index.html is taken as it is; its relative links name the outputs beside it.
    loader: { '.html': 'copy' },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    logLevel: 'warning',
  };
}

/** Writes the site to `outdir`; returns the written files' paths. */
export async function buildExample(outdir: string = EXAMPLE_DIST): Promise<string[]> {
  const result = await build({ ...siteOptions(outdir), metafile: true });
  return Object.keys(result.metafile.outputs);
}

export interface ServedExample {
  /** The page's origin, e.g. http://127.0.0.1:5173: what the gateway's CORS_ORIGINS must list. */
  origin: string;
  close(): Promise<void>;
}

/** The address a browser can open for `host` (an unspecified address listens on loopback too). */
function browsableHost(host: string): string {
  const shown = host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return shown.includes(':') ? `[${shown}]` : shown;
}

/**
 * Serves the site from memory (nothing is written): esbuild rebuilds on each request when a source
 * changed, so a reload shows the latest code.
 */
export async function serveExample(host: string, port: number): Promise<ServedExample> {
  const site = await context({ ...siteOptions(EXAMPLE_DIST), write: false });
  try {
    const served = await site.serve({ host, port, servedir: EXAMPLE_DIST });
    return { origin: `http://${browsableHost(host)}:${served.port}`, close: () => site.dispose() };
  } catch (error) {
    await site.dispose();
    throw error;
  }
}
