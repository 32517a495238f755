import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';

// The Alibaba Cloud SDK packages are CommonJS with a `default` export. Node's ESM loader and
// test bundlers disagree on what `import X from` yields for them, so they are required
// explicitly: `require()` gives the same object everywhere.
const require = createRequire(import.meta.url);

export const OpenApi = require('@alicloud/openapi-client') as typeof import('@alicloud/openapi-client');
export const TeaUtil = require('@alicloud/tea-util') as typeof import('@alicloud/tea-util');
export const Credentials = require('@alicloud/credentials') as typeof import('@alicloud/credentials');

export type OpenApiClient = import('@alicloud/openapi-client').default;
export type Credential = import('@alicloud/credentials').default;

let readTimerKey: symbol | undefined;

/**
 * Reads a response stream returned by `callApi` (bodyType `binary`) as text, with the client's
 * own stream reader, then stops the read timer the HTTP library under the Tea runtime started
 * for this call. When `callApi` reads the body itself, that timer keeps running until the
 * timeout passes, holding the finished call (its request, response and closures) in memory that
 * long: at a thousand calls a second and a 10 s timeout, tens of megabytes. The timer is taken
 * before reading, while the socket is still this call's: once read, the socket may already
 * carry the next call and its timer.
 */
export async function readResponseText(response: IncomingMessage): Promise<string> {
  const socket = response.socket as (Socket & Record<symbol, unknown>) | null;
  // One symbol for the whole HTTP library: looked up on the first socket that has it.
  readTimerKey ??= socket ? Object.getOwnPropertySymbols(socket).find((key) => key.description === 'TIMER::READ_TIMER') : undefined;
  const timer = socket && readTimerKey ? socket[readTimerKey] : undefined;
  try {
    return await TeaUtil.default.readAsString(response);
  } finally {
    if (timer) clearTimeout(timer as NodeJS.Timeout);
  }
}
