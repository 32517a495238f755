import { startApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';

// Entry point of `npm start`: configuration, then the app, then graceful shutdown on signals.

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  for (const problem of error.problems) process.stderr.write(`config error: ${problem}\n`);
  process.exit(1);
}

const logger = createLogger(config.logLevel);
try {
  const app = await startApp(config, logger);
  let stopping = false;
  const shutdown = (signal: string) => {
    // A second signal means "now": no more waiting for in-flight requests.
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting at once');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down: no new connections, finishing in-flight requests');
    app.close(config.shutdownGraceMs).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} catch (error) {
  const reason = error instanceof Error ? error.message : String(error);
  logger.fatal({ reason }, `could not start: ${reason}`);
  process.exit(1);
}
