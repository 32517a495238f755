import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runGatewayCommand } from '../support/command.js';
import { postGraphQL } from '../support/harness.js';

const ROOT = new URL('../..', import.meta.url).pathname;

/** Runs the command to its end. */
const output = (env: Record<string, string>, args: string[] = []) => runGatewayCommand(env, args).exited;

// Preloaded into the command: reports every server that starts listening (the gateway's, the
// emulator's), so a test can tell that nothing was started rather than only that nothing is left.
const LISTEN_PROBE = `--import=data:text/javascript,${encodeURIComponent(`
import net from 'node:net';
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  process.stderr.write('probe: listen\\n');
  return listen.apply(this, args);
};
`)}`;

describe('start-up', () => {
  it('stops on invalid configuration with one line per problem, exit code 2, nothing started', async () => {
    const { code, stdout, stderr } = await output({ PORT: '99999', MMS_TIMEOUT_MS: 'soon' });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n').sort()).toEqual([
      'config error: MMS_TIMEOUT_MS (got "soon"): must be an integer from 100 to 600000',
      'config error: PORT (got "99999"): must be an integer from 0 to 65535',
    ]);
  });

  it('refuses production with neither endpoint nor region: one config error line, exit code 2, no port listened', {
    timeout: 60_000,
  }, async () => {
    const gateway = runGatewayCommand({ NODE_ENV: 'production', PORT: '0', NODE_OPTIONS: LISTEN_PROBE });
    // A gateway that wrongly starts would run until killed: bound it, so the test fails instead of hanging.
    const deadline = setTimeout(() => gateway.child.kill('SIGKILL'), 30_000);
    const { code, stdout, stderr } = await gateway.exited.finally(() => clearTimeout(deadline));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^config error: NODE_ENV=production with neither MAXCOMPUTE_ENDPOINT nor ALIBABA_CLOUD_REGION_ID set .*--emulator/,
      ),
    ]);
  });

  it('serves the embedded emulator in production when --emulator asks for it', { timeout: 60_000 }, async () => {
    const gateway = runGatewayCommand({ NODE_ENV: 'production', NODE_OPTIONS: LISTEN_PROBE }, ['--emulator', '--port', '0']);
    try {
      const banner = JSON.parse(await gateway.lineWith('"graphql"')) as { msg: string; graphql: string };
      expect(banner.msg).toMatch(/embedded MaxCompute emulator/);
      const answer = await postGraphQL(banner.graphql, '{ mmsPartition(sourceId: "200018", partitionId: "2323") { tableName } }');
      expect(answer.data).toEqual({ mmsPartition: { tableName: 't1' } });
      // The probe sees both servers, so its silence above means something.
      expect(gateway.stderr().match(/probe: listen/g)).toHaveLength(2);
    } finally {
      gateway.child.kill('SIGTERM');
    }
    expect((await gateway.exited).code).toBe(0);
  });

  it('with no endpoint, serves the embedded emulator, says so in one JSON line, and stops on SIGTERM', { timeout: 60_000 }, async () => {
    const gateway = runGatewayCommand({ PORT: '0' });
    try {
      const banner = JSON.parse(await gateway.lineWith('"graphql"')) as { msg: string; graphql: string };
      expect(banner.msg).toMatch(/embedded MaxCompute emulator/);
      const answer = await postGraphQL(banner.graphql, '{ mmsPartition(sourceId: "200018", partitionId: "2323") { tableName status } }');
      expect(answer.data).toEqual({ mmsPartition: { tableName: 't1', status: 'DONE' } });
    } finally {
      gateway.child.kill('SIGTERM');
    }
    expect((await gateway.exited).code).toBe(0);
  });
});

describe('the mms-gateway command', () => {
  it('prints its help, version and both schemas', { timeout: 60_000 }, async () => {
    const help = await output({}, ['--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--port', '--host', '--endpoint', '--emulator', '--print-schema', '--print-subgraph-schema', '--version'])
      expect(help.stdout).toContain(flag);
    const version = await output({}, ['--version']);
    expect(version.stdout.trim()).toBe(
      (JSON.parse(readFileSync(new URL('package.json', `file://${ROOT}`), 'utf8')) as { version: string }).version,
    );
    expect((await output({}, ['--print-schema'])).stdout).toBe(readFileSync(`${ROOT}schema.graphql`, 'utf8'));
    expect((await output({}, ['--print-subgraph-schema'])).stdout).toBe(readFileSync(`${ROOT}subgraph.graphql`, 'utf8'));
  });

  it('lets flags override the environment, and refuses unknown flags with exit code 2', async () => {
    const overridden = await output({ PORT: '4000' }, ['--port', 'nope']);
    expect(overridden.code).toBe(2);
    expect(overridden.stderr).toContain('PORT (got "nope")');
    const unknown = await output({}, ['--prot', '1']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--prot'/);
  });

  it('--emulator serves the built-in emulator even when an endpoint is configured', { timeout: 60_000 }, async () => {
    const gateway = runGatewayCommand({ MAXCOMPUTE_ENDPOINT: 'maxcompute.cn-hangzhou.aliyuncs.com' }, ['--emulator', '--port', '0']);
    expect(await gateway.lineWith('"graphql"')).toMatch(/embedded MaxCompute emulator/);
    gateway.child.kill('SIGTERM');
    expect((await gateway.exited).code).toBe(0);
  });
});
