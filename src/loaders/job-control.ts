import type { Logger } from 'pino';
import type { ReadOptions, UpstreamReader } from '../cache/upstream-reader.js';
import type { Caller } from '../plugins/client-auth.js';
import type { UpstreamAction } from '../upstream/action.js';
import { GET_MMS_JOB, type Job, type JobControlAnswer, jobParams } from '../upstream/actions/job.js';
import { UpstreamError } from '../upstream/errors.js';

// The write side beside the request's loaders: a job control call goes straight to the client,
// once, never through a loader (no batching, no cache), and the job is then read fresh.

/** A job control call as it ended. */
export interface JobControlOutcome {
  upstreamRequestId: string | null;
}

export class JobControl {
  constructor(
    private readonly reader: UpstreamReader,
    private readonly call: ReadOptions,
    private readonly logger: Logger,
    readonly caller: Caller,
  ) {}

  /**
   * Calls `action` on the job exactly once and logs it with the caller's identity. Whether it
   * succeeded or not, the job's cached record is dropped: a failed call may still have been
   * carried out (a timeout, a reset after the upstream accepted it).
   */
  async run(action: UpstreamAction<JobControlAnswer>, sourceId: string, jobId: string): Promise<JobControlOutcome> {
    const params = jobParams(sourceId, jobId);
    const line = { action: action.name, caller: this.caller.id, sourceId, jobId };
    try {
      const { result, requestId } = await this.reader.client.write(action, params, { ...this.call, logger: this.logger });
      this.logger.info({ ...line, upstreamRequestId: requestId, answer: result.data }, `${action.name} done`);
      return { upstreamRequestId: requestId };
    } catch (error) {
      const failure = error instanceof UpstreamError ? error : null;
      this.logger.info(
        { ...line, code: failure?.code ?? 'INTERNAL', upstreamCode: failure?.upstreamCode, upstreamRequestId: failure?.upstreamRequestId },
        `${action.name} failed`,
      );
      throw error;
    } finally {
      await this.reader.cache?.forget(GET_MMS_JOB, params);
      // The rest of this request (the job's tasks, say) reads past the shared cache, which it refreshes.
      this.call.bypassCache = true;
    }
  }

  /** The job as the upstream has it now: past the shared cache, which it refreshes. */
  readJob(sourceId: string, jobId: string): Promise<Job> {
    return this.reader.read(GET_MMS_JOB, jobParams(sourceId, jobId), { ...this.call, bypassCache: true });
  }
}
