import { type DestinationStream, type Logger, pino } from 'pino';

// Secrets never reach a log line, whatever object a caller logs: these paths are censored
// by pino itself, so a careless `logger.info({ config })` still cannot leak them.
export const REDACTED_PATHS = [
  'accessKeySecret',
  'securityToken',
  '*.accessKeySecret',
  '*.securityToken',
  '*.*.accessKeySecret',
  '*.*.securityToken',
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  '*.headers["x-acs-security-token"]',
  '*.*.headers.authorization',
  '*.*.headers["x-acs-security-token"]',
];

/** JSON lines on stdout, or human-readable ones through pino-pretty when `pretty`. */
export function createLogger(level: string, destination?: DestinationStream, pretty = false): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { service: 'mms-graphql-gateway' } };
  if (pretty && !destination)
    return pino({ ...options, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } } });
  return pino(options, destination);
}
