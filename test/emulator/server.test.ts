import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { EMPTY_BODY_SHA256, type SignableRequest, sign } from '../../src/emulator/signature.js';

// Requests signed here by hand, so each check of the verifier can be provoked on its own.
function signedHeaders(
  emulator: Emulator,
  path: string,
  overrides: { date?: string; nonce?: string; secret?: string; keyId?: string; action?: string; version?: string } = {},
) {
  const [key] = emulator.credentials;
  if (!key) throw new Error('no key');
  const headers: Record<string, string> = {
    host: emulator.endpoint,
    'x-acs-action': overrides.action ?? 'GetMmsPartition',
    'x-acs-version': overrides.version ?? '2022-01-04',
    'x-acs-date': overrides.date ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    'x-acs-signature-nonce': overrides.nonce ?? randomUUID(),
    'x-acs-content-sha256': EMPTY_BODY_SHA256,
  };
  const request: SignableRequest = {
    method: 'GET',
    rawPath: path,
    rawQuery: '',
    headers,
    signedHeaders: Object.keys(headers),
    bodySha256: EMPTY_BODY_SHA256,
  };
  const signature = sign(request, overrides.secret ?? key.accessKeySecret);
  return {
    ...headers,
    authorization: `ACS3-HMAC-SHA256 Credential=${overrides.keyId ?? key.accessKeyId},SignedHeaders=${Object.keys(headers).sort().join(';')},Signature=${signature}`,
  };
}

describe('the emulator', () => {
  let emulator: Emulator;
  const path = '/api/v1/mms/datasources/200018/partitions/2323';
  const get = async (headers: Record<string, string>, target = path) => {
    const response = await fetch(`${emulator.url}${target}`, { headers });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());

  it('serves the published example verbatim, stray newlines included', async () => {
    const { status, body } = await get(signedHeaders(emulator, path));
    expect(status).toBe(200);
    expect(body.requestId).toBe('D9F872FD-5DDE-30A6-8C8A-1B8C6A81059F\n');
    expect(body.data).toMatchObject({ id: 2323, value: 'p1=1/p2=abc\n', lastDdlTime: '2024-12-17 15:44:42\n', status: 'DONE' });
  });

  it('answers 404 in the service shape for an unknown partition', async () => {
    const target = '/api/v1/mms/datasources/200018/partitions/1';
    const { status, body } = await get(signedHeaders(emulator, target), target);
    expect(status).toBe(404);
    expect(body).toMatchObject({ code: 'NotFound' });
    expect(body.requestId).toEqual(expect.any(String));
  });

  it('refuses a wrong secret with SignatureDoesNotMatch', async () => {
    const { status, body } = await get(signedHeaders(emulator, path, { secret: 'not-the-secret' }));
    expect(status).toBe(400);
    expect(body).toMatchObject({ Code: 'SignatureDoesNotMatch' });
    expect(Object.keys(body).sort()).toEqual(['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
  });

  it('refuses an unknown AccessKeyId with 404 InvalidAccessKeyId.NotFound', async () => {
    const { status, body } = await get(signedHeaders(emulator, path, { keyId: 'LTAIUNKNOWN' }));
    expect([status, body.Code]).toEqual([404, 'InvalidAccessKeyId.NotFound']);
  });

  it('refuses a call it does not know with 404, as the provider does: wrong action, version or path', async () => {
    expect(await get(signedHeaders(emulator, path, { action: 'GetMmsPartitions' }))).toMatchObject({
      status: 404,
      body: { Code: 'InvalidAction.NotFound' },
    });
    expect(await get(signedHeaders(emulator, path, { version: '2019-06-12' }))).toMatchObject({
      status: 404,
      body: { Code: 'InvalidVersion' },
    });
    const wrongPath = '/api/v1/mms/datasource/200018/partitions/2323';
    expect(await get(signedHeaders(emulator, wrongPath), wrongPath)).toMatchObject({
      status: 404,
      body: { Code: 'InvalidAction.NotFound' },
    });
  });

  it('refuses a date outside the 15-minute window', async () => {
    const old = new Date(Date.now() - 16 * 60 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
    const { status, body } = await get(signedHeaders(emulator, path, { date: old }));
    expect([status, body.Code]).toEqual([400, 'InvalidTimeStamp.Expired']);
  });

  it('refuses a reused nonce', async () => {
    const headers = signedHeaders(emulator, path, { nonce: 'fixed-nonce-1' });
    expect((await get(headers)).status).toBe(200);
    const replay = await get(headers);
    expect([replay.status, replay.body.Code]).toEqual([400, 'SignatureNonceUsed']);
  });

  it('refuses an unsigned request', async () => {
    const { status, body } = await get({});
    expect([status, body.Code]).toEqual([400, 'IncompleteSignature']);
  });

  it('counts calls per canonical key', async () => {
    emulator.reset();
    await get(
      signedHeaders(emulator, '/api/v1/mms/datasources/0200018/partitions/2323'),
      '/api/v1/mms/datasources/0200018/partitions/2323',
    );
    expect(emulator.calls('200018', 2323)).toBe(1);
  });
});
