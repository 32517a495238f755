import { describe, expect, it } from 'vitest';
import { Credentials } from '../../src/upstream/alicloud.js';
import { startHarness } from '../support/harness.js';

const QUERY = `{
  a: mmsPartition(sourceId: "200018", partitionId: "2323") { id tableName }
  b: mmsPartitions(keys: [{ sourceId: "200019", partitionId: "3001" }, { sourceId: "1", partitionId: "1" }]) { id }
}`;

function stsCredential(accessKeyId: string, accessKeySecret: string, securityToken: string) {
  return new Credentials.default(new Credentials.Config({ type: 'sts', accessKeyId, accessKeySecret, securityToken }));
}

describe('secrets never leave the gateway', () => {
  it('signs with STS credentials (token sent and signed) when they are right', async () => {
    const credential = { accessKeyId: 'STS.NUEXAMPLE', accessKeySecret: 'sts-secret-value-1', securityToken: 'CAIS-token-value-1' };
    const harness = await startHarness({
      emulator: { credentials: [credential] },
      credential: stsCredential(credential.accessKeyId, credential.accessKeySecret, credential.securityToken),
    });
    try {
      const answer = await harness.query('{ mmsPartition(sourceId: "200018", partitionId: "2323") { tableName } }');
      expect(answer.data).toEqual({ mmsPartition: { tableName: 't1' } });
    } finally {
      await harness.close();
    }
  });

  it('keeps the secret, the STS token and the Authorization header out of answers and logs of a failing run', async () => {
    const real = { accessKeyId: 'STS.NUEXAMPLE', accessKeySecret: 'sts-secret-value-2', securityToken: 'CAIS-right-token' };
    const used = { secret: 'wrong-secret-value-XYZ', token: 'CAIS-wrong-token-ABC' };
    const harness = await startHarness({
      emulator: { credentials: [real] },
      credential: stsCredential(real.accessKeyId, used.secret, used.token),
    });
    try {
      const answer = await harness.query(QUERY);
      expect(answer.errors?.map((e) => e.extensions?.code)).toEqual([
        'UPSTREAM_UNAUTHENTICATED',
        'UPSTREAM_UNAUTHENTICATED',
        'UPSTREAM_UNAUTHENTICATED',
      ]);
      expect(harness.emulator.stats().total).toBe(3);
      const everything = [answer.text, ...harness.logs].join('\n');
      expect(harness.logs.some((line) => line.includes('GetMmsPartition failed'))).toBe(true);
      for (const secret of [
        used.secret,
        used.token,
        real.accessKeySecret,
        real.securityToken,
        'ACS3-HMAC-SHA256',
        'Signature=',
        '/api/v1/mms',
      ]) {
        expect(everything).not.toContain(secret);
      }
    } finally {
      await harness.close();
    }
  });

  it('redacts secrets even when a whole credential object is logged', async () => {
    const harness = await startHarness();
    try {
      harness.logger.info({ credential: { accessKeyId: 'LTAIX', accessKeySecret: 'very-secret', securityToken: 'tok' } }, 'careless');
      const line = harness.logs.find((l) => l.includes('careless')) ?? '';
      expect(line).toContain('LTAIX');
      expect(line).not.toContain('very-secret');
      expect(line).not.toContain('"tok"');
    } finally {
      await harness.close();
    }
  });
});
