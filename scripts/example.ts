import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { buildExample, EXAMPLE_DIST, serveExample } from './example-site.js';

// `npm run example` (serve) and `npm run build:example` (build): the example frontend in one command.

const USAGE = `Usage: node --import tsx scripts/example.ts <build|serve> [options]

  build                  write the static site to examples/browser/dist/ (or --outdir)
  serve                  serve it, rebuilt on reload, and print the URL to open

Options:
  --outdir <dir>         build: where to write (default examples/browser/dist)
  --host <addr>          serve: listen address (EXAMPLE_HOST, default 127.0.0.1)
  --port <n>             serve: listen port (EXAMPLE_PORT, default 5173; 0: any free port)
  --gateway <url>        serve: the GraphQL endpoint the page queries
                         (EXAMPLE_GATEWAY, default http://127.0.0.1:4000/graphql)
`;

function fail(message: string): never {
  process.stderr.write(`example: ${message}\n${USAGE}`);
  process.exit(2);
}

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      outdir: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      gateway: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
}
try {
  parsed = parse();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const { values: flags, positionals } = parsed;
if (flags.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const [command, ...extra] = positionals;
if (extra.length > 0 || (command !== 'build' && command !== 'serve')) fail('expected one command: build or serve');

if (command === 'build') {
  const files = await buildExample(flags.outdir ?? EXAMPLE_DIST);
  process.stdout.write(`wrote ${files.map((file) => relative(process.cwd(), file) || file).join(', ')}\n`);
} else {
  const host = flags.host ?? process.env.EXAMPLE_HOST ?? '127.0.0.1';
  const portText = flags.port ?? process.env.EXAMPLE_PORT ?? '5173';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535) fail(`port must be an integer from 0 to 65535 (got ${JSON.stringify(portText)})`);
  const gateway = flags.gateway ?? process.env.EXAMPLE_GATEWAY ?? 'http://127.0.0.1:4000/graphql';
  if (!URL.canParse(gateway)) fail(`gateway must be a URL (got ${JSON.stringify(gateway)})`);

  // Signals are handled from the start: one arriving while esbuild starts still ends cleanly.
  let site: Awaited<ReturnType<typeof serveExample>> | null = null;
  let stopping = false;
  const stop = () => {
    stopping = true;
    site?.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  site = await serveExample(host, port).catch((error: unknown) => {
    process.stderr.write(`example: could not serve on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
  if (stopping) {
    stop();
  } else {
    // `:` and `/` may stand unescaped in a query string: the printed URL stays readable.
    const query = encodeURIComponent(gateway).replace(/%3A/gi, ':').replace(/%2F/gi, '/');
    process.stdout.write(
      [
        `example frontend on ${site.origin}/`,
        `  open ${site.origin}/?gateway=${query}`,
        `  the gateway must allow this origin: CORS_ORIGINS=${site.origin} npm start`,
        '',
      ].join('\n'),
    );
  }
}
