import pLimit, { type LimitFunction } from 'p-limit';
import type { Logger } from 'pino';
import type { UpstreamEndpoint } from '../config.js';
import { type Credential, OpenApi, type OpenApiClient, TeaUtil } from './alicloud.js';
import { classifyClientError, UpstreamError } from './errors.js';
import { type Partition, type PartitionKey, readPartitionResponse } from './partition.js';

export const GET_MMS_PARTITION = { action: 'GetMmsPartition', version: '2022-01-04' } as const;

/** The credential object `@alicloud/openapi-client` signs with (from `@alicloud/credentials`). */
export type UpstreamCredential = Credential;

export interface MmsClientOptions {
  endpoint: UpstreamEndpoint;
  credential: UpstreamCredential;
  /** Upper bound of one call, connection included. */
  timeoutMs: number;
  /** Calls in flight at once, across every request of the process. */
  maxConcurrency: number;
  logger: Logger;
}

/**
 * The one place GetMmsPartition is called. One instance per process: it owns the signed
 * client (and its pooled keep-alive connections) and the process-wide concurrency limit.
 */
export class MmsClient {
  private readonly client: OpenApiClient;
  private readonly limit: LimitFunction;
  private readonly timeoutMs: number;
  private readonly logger: Logger;
  // `keepAlive` stays unset on purpose: setting it makes the runtime build an agent per call.
  // Timeouts are always explicit, since the HTTP layer otherwise gives up after 3 s.
  private readonly runtime: InstanceType<typeof TeaUtil.RuntimeOptions>;

  constructor(options: MmsClientOptions) {
    this.client = new OpenApi.default(
      new OpenApi.Config({
        endpoint: options.endpoint.host,
        protocol: options.endpoint.protocol,
        credential: options.credential,
        readTimeout: options.timeoutMs,
        connectTimeout: options.timeoutMs,
      }),
    );
    this.runtime = new TeaUtil.RuntimeOptions({ readTimeout: options.timeoutMs, connectTimeout: options.timeoutMs, autoretry: false });
    this.limit = pLimit(options.maxConcurrency);
    this.timeoutMs = options.timeoutMs;
    this.logger = options.logger;
  }

  /** Calls currently running against the upstream and calls waiting for a slot. */
  get load(): { active: number; pending: number } {
    return { active: this.limit.activeCount, pending: this.limit.pendingCount };
  }

  /** Reads one partition; rejects with an UpstreamError. `key` must already be canonical. */
  getPartition(key: PartitionKey): Promise<Partition> {
    return this.limit(() => this.callGetMmsPartition(key));
  }

  private async callGetMmsPartition(key: PartitionKey): Promise<Partition> {
    const params = new OpenApi.Params({
      ...GET_MMS_PARTITION,
      protocol: 'HTTPS',
      pathname: `/api/v1/mms/datasources/${key.sourceId}/partitions/${key.partitionId}`,
      method: 'GET',
      authType: 'AK',
      style: 'ROA',
      reqBodyType: 'json',
      // Read the body as text: JSON.parse would round 64-bit integers before we could check them.
      bodyType: 'string',
    });
    try {
      const response = await this.client.callApi(params, new OpenApi.OpenApiRequest({}), this.runtime);
      const body: unknown = response.body;
      const headers: Record<string, unknown> = response.headers ?? {};
      const headerRequestId = typeof headers['x-acs-request-id'] === 'string' ? headers['x-acs-request-id'].trim() : null;
      if (typeof body !== 'string')
        throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'The upstream answer has no body.', { upstreamRequestId: headerRequestId });
      const partition = readPartitionResponse(body, key, headerRequestId);
      if (partition.unknownStatus !== null) {
        this.logger.warn(
          { sourceId: key.sourceId, partitionId: key.partitionId, status: partition.unknownStatus },
          'upstream sent a migration status this gateway does not know; serving null',
        );
      }
      return partition;
    } catch (error) {
      const failure = classifyClientError(error, key, this.timeoutMs);
      // Only classified fields are logged: the client's own error objects can hold the signed request.
      this.logger.warn(
        {
          sourceId: key.sourceId,
          partitionId: key.partitionId,
          code: failure.code,
          upstreamCode: failure.upstreamCode,
          upstreamRequestId: failure.upstreamRequestId,
          httpStatus: failure.httpStatus,
        },
        'GetMmsPartition failed',
      );
      throw failure;
    }
  }
}
