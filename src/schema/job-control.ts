import { GraphQLError } from 'graphql';
import type { UpstreamAction } from '../upstream/action.js';
import { type JobControlAnswer, RETRY_MMS_JOB, START_MMS_JOB, STOP_MMS_JOB } from '../upstream/actions/job.js';
import { builder } from './builder.js';
import { toGraphQLError } from './errors.js';
import { toChildKey } from './ids.js';
import { jobRef, MmsJob } from './refs.js';

// Job control: three mutations, in the schema only with MMS_MUTATIONS=on (see index.ts), and
// allowed only to callers with a write key or the write scope.

interface JobControlResult {
  sourceId: string;
  jobId: string;
  upstreamRequestId: string | null;
}

export const MmsJobControlResult = builder.objectRef<JobControlResult>('MmsJobControlResult').implement({
  description: 'What a job control call did: the upstream request that carried it, and the job as read right after.',
  fields: (t) => ({
    upstreamRequestId: t.exposeString('upstreamRequestId', {
      nullable: true,
      description: "The upstream's request ID for the call (quote it to Alibaba Cloud support).",
    }),
    job: t.field({
      type: MmsJob,
      nullable: true,
      description: 'The job as the upstream has it right after the call (read past the cache); null, with an error, when that read failed.',
      resolve: async ({ sourceId, jobId }, _args, context) => {
        if (!context.jobControl) return null;
        try {
          return jobRef(await context.jobControl.readJob(sourceId, jobId));
        } catch (error) {
          throw toGraphQLError(error);
        }
      },
    }),
  }),
});

export const MmsCapabilities = builder.objectRef<{ jobControl: boolean }>('MmsCapabilities').implement({
  description: 'What this gateway lets the caller do, for clients that adapt their interface.',
  fields: (t) => ({
    jobControl: t.exposeBoolean('jobControl', {
      description: 'Whether the caller may start, stop and retry jobs: mutations are on and it holds a write key or the write scope.',
    }),
  }),
});

builder.queryField('mmsCapabilities', (t) =>
  t.field({
    type: MmsCapabilities,
    description: 'What this gateway lets the caller do (reads nothing upstream).',
    complexity: 0,
    resolve: (_root, _args, context) => ({ jobControl: context.jobControl !== null }),
  }),
);

function forbidden(): GraphQLError {
  return new GraphQLError('Changing jobs takes a write API key (GATEWAY_WRITE_API_KEYS) or a token with the write scope.', {
    extensions: { code: 'FORBIDDEN' },
  });
}

builder.mutationType({
  description: 'Job control (served with MMS_MUTATIONS=on, for callers allowed to write). Each call is made once, never retried.',
});

const CONTROLS: readonly [string, UpstreamAction<JobControlAnswer>, string][] = [
  ['startMmsJob', START_MMS_JOB, 'Starts a job that was never run, or resumes a stopped one (StartMmsJob).'],
  ['stopMmsJob', STOP_MMS_JOB, 'Stops a running job (StopMmsJob).'],
  ['retryMmsJob', RETRY_MMS_JOB, 'Runs the failed tasks of a failed job again (RetryMmsJob).'],
];

for (const [name, action, description] of CONTROLS) {
  builder.mutationField(name, (t) =>
    t.field({
      type: MmsJobControlResult,
      description: `${description} FORBIDDEN, with no upstream call, for a caller without a write key or scope. Never retried: a throttled or failed call is reported as it is.`,
      args: {
        sourceId: t.arg.id({ required: true, description: 'Data source ID.' }),
        jobId: t.arg.id({ required: true, description: 'Job ID.' }),
      },
      // The call, then the read of the job.
      complexity: 2,
      resolve: async (_root, args, context) => {
        if (!context.jobControl) throw forbidden();
        const { sourceId, id: jobId } = toChildKey({ sourceId: args.sourceId, id: args.jobId }, 'jobId');
        try {
          const { upstreamRequestId } = await context.jobControl.run(action, sourceId, jobId);
          return { sourceId, jobId, upstreamRequestId };
        } catch (error) {
          throw toGraphQLError(error);
        }
      },
    }),
  );
}
