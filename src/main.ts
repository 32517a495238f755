import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { RunningApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';

// The `mms-gateway` command (what `npm start` runs): flags, configuration, the app, signals.

const USAGE = `Usage: mms-gateway [options]

A GraphQL gateway for MaxCompute Migration Assist (MMA) partition metadata.
Without an endpoint or region it serves a built-in MaxCompute emulator, except
with NODE_ENV=production, where it refuses to start unless --emulator is given.

Options (each overrides its environment variable):
  --port <n>                 listen port (PORT, default 4000)
  --host <addr>              listen address (HOST, default 127.0.0.1)
  --endpoint <host|url>      MaxCompute endpoint (MAXCOMPUTE_ENDPOINT)
  --emulator                 use the built-in emulator even if an endpoint or region is set,
                             and also in production
  --print-schema             print the client schema (schema.graphql) and exit
  --print-subgraph-schema    print the federation subgraph SDL (subgraph.graphql) and exit
  --version                  print the version and exit
  --help                     print this help and exit

Every other setting is an environment variable: see the README's configuration table.
`;

const EXIT_CONFIG_ERROR = 2;

function fail(lines: string[]): never {
  for (const line of lines) process.stderr.write(`config error: ${line}\n`);
  process.exit(EXIT_CONFIG_ERROR);
}

let flags: ReturnType<typeof parseFlags>;
function parseFlags() {
  return parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      endpoint: { type: 'string' },
      emulator: { type: 'boolean', default: false },
      'print-schema': { type: 'boolean', default: false },
      'print-subgraph-schema': { type: 'boolean', default: false },
      version: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  }).values;
}
try {
  flags = parseFlags();
} catch (error) {
  fail([`${error instanceof Error ? error.message : String(error)} (see --help)`]);
}

if (flags.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (flags.version) {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  process.stdout.write(`${version}\n`);
  process.exit(0);
}
if (flags['print-schema'] || flags['print-subgraph-schema']) {
  const { printPublishedSchema, printSubgraphSdl } = await import('./schema/index.js');
  process.stdout.write(flags['print-schema'] ? printPublishedSchema() : printSubgraphSdl());
  process.exit(0);
}

const env: NodeJS.ProcessEnv = {
  ...process.env,
  ...(flags.port !== undefined && { PORT: flags.port }),
  ...(flags.host !== undefined && { HOST: flags.host }),
  ...(flags.endpoint !== undefined && { MAXCOMPUTE_ENDPOINT: flags.endpoint }),
};

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(env, { emulator: flags.emulator });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  fail(error.problems);
}

const logger = createLogger(config.logLevel, undefined, config.prettyLogs);
// Signals are handled from the first moment, so that one arriving during start-up is not lost.
let app: RunningApp | null = null;
let stopping = false;
const stop = () => {
  if (!app) return;
  app.close(config.shutdownGraceMs).then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
const shutdown = (signal: string) => {
  // A second signal means "now": no more waiting for in-flight requests.
  if (stopping) {
    logger.warn({ signal }, 'second signal: exiting at once');
    process.exit(1);
  }
  stopping = true;
  logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down: no new connections, finishing in-flight requests');
  stop();
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
try {
  // Loaded only now: --help, --version and the schema flags need none of it.
  const { startApp } = await import('./app.js');
  app = await startApp(config, logger);
  if (stopping) stop();
} catch (error) {
  const reason = error instanceof Error ? error.message : String(error);
  logger.fatal({ reason }, `could not start: ${reason}`);
  process.exit(1);
}
