import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { freePort } from '../support/ports.js';

// `npm run build:example` and `npm run example`: the example frontend as a static site, and served.

const ROOT = new URL('../..', import.meta.url).pathname;
const DIST = join(ROOT, 'examples/browser/dist');

/** The local files a page links to: module scripts and stylesheets. */
function linkedFiles(html: string): { scripts: string[]; styles: string[] } {
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((match) => match[1] ?? '');
  const styles = [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"/g)].map((match) => match[1] ?? '');
  return { scripts, styles };
}

/** Every import specifier left in a JavaScript file, static or dynamic, as a browser would request it. */
async function importsLeftIn(file: string): Promise<string[]> {
  const specifiers: string[] = [];
  await build({
    entryPoints: [file],
    bundle: true,
    write: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'list-imports',
        setup(builder) {
          builder.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === 'entry-point') return undefined;
            specifiers.push(args.path);
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  return specifiers;
}

describe('npm run build:example', () => {
  it('writes index.html, its bundled script and style.css to examples/browser/dist/, runnable in a browser as is', {
    timeout: 60_000,
  }, async () => {
    // From nothing: files left by an earlier build must not stand in for missing ones.
    rmSync(DIST, { recursive: true, force: true });
    await promisify(execFile)('npm', ['run', '-s', 'build:example'], { cwd: ROOT });
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const { scripts, styles } = linkedFiles(html);
    expect(scripts).toEqual(['./main.js']);
    expect(styles).toEqual(['./style.css']);
    for (const file of [...scripts, ...styles]) expect(existsSync(join(DIST, file)), file).toBe(true);

    const bundle = join(DIST, scripts[0] ?? '');
    // A bare specifier (`graphql`, `@urql/core`) needs Node's module resolution: a browser cannot load it.
    const left = await importsLeftIn(bundle);
    expect(left.filter((specifier) => !/^\.{0,2}\//.test(specifier))).toEqual([]);
    for (const specifier of left) expect(existsSync(join(DIST, specifier)), specifier).toBe(true);
    // The typed document from codegen is inside the bundle, not fetched from elsewhere.
    expect(readFileSync(bundle, 'utf8')).toContain('query Partitions(');
  });
});

describe('npm run example', () => {
  it('serves the page and its script, prints the URL to open and the CORS origin, and stops on SIGTERM', { timeout: 60_000 }, async () => {
    // The command of package.json's script, run without npm and a shell in between, so the signal reaches it.
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const [program, ...args] = (scripts.example ?? '').split(' ');
    expect(program).toBe('node');
    const port = await freePort();
    const child = spawn(process.execPath, [...args, '--port', String(port)], { cwd: ROOT, env: { PATH: process.env.PATH ?? '' } });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const printed = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk;
        if (/CORS_ORIGINS=\S+ npm start\n/.test(stdout)) resolve(stdout);
      });
      void exited.then(() => reject(new Error(`the command exited before printing its URL:\n${stdout}${stderr}`)));
    });
    try {
      const banner = await printed;
      const origin = `http://127.0.0.1:${port}`;
      const open = banner.match(/https?:\/\/\S+\?gateway=\S+/)?.[0] ?? '';
      expect(open).toBe(`${origin}/?gateway=http://127.0.0.1:4000/graphql`);
      expect(new URL(open).searchParams.get('gateway')).toBe('http://127.0.0.1:4000/graphql');
      expect(banner).toContain(`CORS_ORIGINS=${origin} `);

      const page = await fetch(open);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html\b/);
      const { scripts: [script = ''] = [], styles: [style = ''] = [] } = linkedFiles(await page.text());
      const code = await fetch(new URL(script, open));
      expect(code.status).toBe(200);
      expect(code.headers.get('content-type')).toMatch(/^(text|application)\/javascript\b/);
      expect(await code.text()).toContain('query Partitions(');
      const css = await fetch(new URL(style, open));
      expect(css.status).toBe(200);
      expect(css.headers.get('content-type')).toMatch(/^text\/css\b/);
    } finally {
      child.kill('SIGTERM');
    }
    // Bounded: a command that ignored the signal would fail here instead of outliving the test.
    const deadline = setTimeout(() => child.kill('SIGKILL'), 10_000);
    expect(await exited.finally(() => clearTimeout(deadline))).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    expect(stderr).toBe('');
  });
});
