import { cpuUsage } from 'node:process';
import { Credentials, OpenApi, TeaUtil } from '../src/upstream/alicloud.js';

// Baseline C1: the bare client library calling the emulator in a loop, `concurrency` at a time,
// for `seconds`; prints its own CPU time per call (what the library costs on its own).

const [endpoint = '', concurrencyText = '32', secondsText = '10'] = process.argv.slice(2);
const url = new URL(endpoint);
const client = new OpenApi.default(
  new OpenApi.Config({
    endpoint: url.host,
    protocol: url.protocol.replace(':', ''),
    credential: new Credentials.default(),
    readTimeout: 10_000,
    connectTimeout: 10_000,
  }),
);
const runtime = new TeaUtil.RuntimeOptions({ readTimeout: 10_000, connectTimeout: 10_000 });
const params = new OpenApi.Params({
  action: 'GetMmsPartition',
  version: '2022-01-04',
  protocol: 'HTTPS',
  pathname: '/api/v1/mms/datasources/200018/partitions/2323',
  method: 'GET',
  authType: 'AK',
  style: 'ROA',
  reqBodyType: 'json',
  bodyType: 'json',
});

const call = () => client.callApi(params, new OpenApi.OpenApiRequest({}), runtime);
for (let i = 0; i < 200; i += 1) await call();
const deadline = Date.now() + Number(secondsText) * 1000;
const before = cpuUsage();
let calls = 0;
await Promise.all(
  Array.from({ length: Number(concurrencyText) }, async () => {
    while (Date.now() < deadline) {
      await call();
      calls += 1;
    }
  }),
);
const used = cpuUsage(before);
process.stdout.write(`${JSON.stringify({ calls, cpuMicrosPerCall: (used.user + used.system) / calls })}\n`);
