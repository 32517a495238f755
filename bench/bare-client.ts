import { PUBLISHED_EXAMPLE_KEY } from '../src/emulator/data.js';
import { GET_MMS_PARTITION, partitionParams } from '../src/upstream/actions/partition.js';
import { Credentials, OpenApi, TeaUtil } from '../src/upstream/alicloud.js';
import { openApiParams } from '../src/upstream/mms-client.js';

// The bare client library making GetMmsPartition calls, as the C1 and M1 baselines use it: no
// gateway code around it, the library's own JSON reader, the example partition every time.

export type BareCall = () => Promise<unknown>;

/** A call of the published example partition through `@alicloud/openapi-client` alone. */
export function bareCall(endpoint: string): BareCall {
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
  const params = openApiParams(GET_MMS_PARTITION, partitionParams(PUBLISHED_EXAMPLE_KEY), 'json');
  return () => client.callApi(params, new OpenApi.OpenApiRequest({}), runtime);
}

/** Keeps `concurrency` calls in flight until `stop()` returns true; resolves with the calls made. */
export async function callLoop(call: BareCall, concurrency: number, stop: () => boolean): Promise<number> {
  let calls = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (!stop()) {
        await call();
        calls += 1;
      }
    }),
  );
  return calls;
}
