import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadDataSet } from './data.js';
import { generateCredential, startEmulator } from './server.js';

// `npm run emulator`: the local MaxCompute MMS emulator on its own, for a gateway started
// elsewhere (MAXCOMPUTE_ENDPOINT=http://127.0.0.1:<port> plus the printed key pair).

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '9000' },
    data: { type: 'string' },
    // With --data: add its partitions to the demo inventory instead of serving them alone.
    demo: { type: 'boolean', default: false },
    'latency-ms': { type: 'string', default: '0' },
    // How long each step of a running migration task takes.
    'job-step-ms': { type: 'string', default: '4000' },
    // Sets two demo jobs going at start, so that their partitions move.
    'moving-demo': { type: 'boolean', default: false },
    'access-key-id': { type: 'string' },
    'access-key-secret': { type: 'string' },
  },
});

const logger = pino({ base: { service: 'mms-emulator' } });
const generated = generateCredential();
const credential = {
  accessKeyId: values['access-key-id'] ?? generated.accessKeyId,
  accessKeySecret: values['access-key-secret'] ?? generated.accessKeySecret,
};
const emulator = await startEmulator({
  host: values.host,
  port: Number(values.port),
  latencyMs: Number(values['latency-ms']),
  jobStepMs: Number(values['job-step-ms']),
  movingDemo: values['moving-demo'],
  credentials: [credential],
  ...(values.data !== undefined && { data: await loadDataSet(values.data), withDemo: values.demo }),
});
// The key pair is a throwaway one for this local process, printed so that a gateway can use it.
logger.info(
  { endpoint: emulator.url, partitions: emulator.data.size },
  `MaxCompute MMS emulator on ${emulator.url}: MAXCOMPUTE_ENDPOINT=${emulator.url} ALIBABA_CLOUD_ACCESS_KEY_ID=${credential.accessKeyId} ALIBABA_CLOUD_ACCESS_KEY_SECRET=${credential.accessKeySecret}`,
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void emulator.close().then(() => process.exit(0)));
}
