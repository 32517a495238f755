import { type DestinationStream, type Logger, pino } from 'pino';

// Secrets never reach a log line, whatever object a caller logs: these paths are censored
// by pino itself, so a careless `logger.info({ config })` still cannot leak them. Kept to two
// levels: every wildcard level is paid on every line the gateway writes.
export const REDACTED_PATHS = [
  'accessKeySecret',
  'securityToken',
  'authorization',
  '*.accessKeySecret',
  '*.securityToken',
  '*.authorization',
  '*.headers.authorization',
  '*.headers["x-acs-security-token"]',
];

/** JSON lines on stdout, or human-readable ones through pino-pretty when `pretty`. */
export function createLogger(level: string, destination?: DestinationStream, pretty = false): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { service: 'mms-graphql-gateway' } };
  if (pretty && !destination)
    return pino({ ...options, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } } });
  return pino(options, destination);
}
