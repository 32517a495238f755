import { describe, expect, it } from 'vitest';
import {
  canonicalQuery,
  canonicalRequest,
  EMPTY_BODY_SHA256,
  percentEncode,
  type SignableRequest,
  sha256Hex,
  sign,
} from '../../src/emulator/signature.js';

describe('ACS3-HMAC-SHA256, implemented from the published description', () => {
  // The published test vector of Alibaba Cloud's V3 signature documentation.
  const vector: SignableRequest = {
    method: 'POST',
    rawPath: '/',
    rawQuery: 'RegionId=cn-shanghai&ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd',
    headers: {
      host: 'ecs.cn-shanghai.aliyuncs.com',
      'x-acs-action': 'RunInstances',
      'x-acs-version': '2014-05-26',
      'x-acs-date': '2023-10-26T10:22:32Z',
      'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
      'x-acs-content-sha256': EMPTY_BODY_SHA256,
    },
    signedHeaders: ['x-acs-version', 'host', 'x-acs-signature-nonce', 'x-acs-date', 'x-acs-content-sha256', 'x-acs-action'],
    bodySha256: EMPTY_BODY_SHA256,
  };

  it('reproduces the published test vector', () => {
    const canonical = canonicalRequest(vector);
    expect(canonical.split('\n').at(-2)).toBe('host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version');
    expect(sha256Hex(canonical)).toBe('7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259');
    expect(sign(vector, 'YourAccessKeySecret')).toBe('06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0');
  });

  it('fails the vector with another secret', () => {
    expect(sign(vector, 'AnotherSecret')).not.toBe('06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0');
  });

  it('hashes the empty body as documented', () => {
    expect(EMPTY_BODY_SHA256).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('encodes per RFC 3986 and sorts the query by name then value', () => {
    expect(percentEncode("a b*~!'()")).toBe('a%20b%2A~%21%27%28%29');
    expect(canonicalQuery("b=2&a=z&a=y&c&d=*~!'")).toBe('a=y&a=z&b=2&c=&d=%2A~%21%27');
  });
});
