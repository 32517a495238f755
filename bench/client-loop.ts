import { cpuUsage } from 'node:process';
import { bareCall, callLoop } from './bare-client.js';

// Baseline C1: the bare client library calling the emulator in a loop, `concurrency` at a time,
// for `seconds`; prints its own CPU time per call (what the library costs on its own).

const [endpoint = '', concurrencyText = '32', secondsText = '10'] = process.argv.slice(2);
const call = bareCall(endpoint);
for (let i = 0; i < 200; i += 1) await call();
const deadline = Date.now() + Number(secondsText) * 1000;
const before = cpuUsage();
const calls = await callLoop(call, Number(concurrencyText), () => Date.now() >= deadline);
const used = cpuUsage(before);
process.stdout.write(`${JSON.stringify({ calls, cpuMicrosPerCall: (used.user + used.system) / calls })}\n`);
