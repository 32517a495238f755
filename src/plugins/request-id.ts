import { randomUUID } from 'node:crypto';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { withExtensions } from '../schema/errors.js';

const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTABLE_ID = /^[\w.:-]{1,128}$/;
const requestIds = new WeakMap<Request, string>();

/** The request's id: the client's `x-request-id` when it is a sane token, else a fresh UUID. */
export function requestIdOf(request: Request): string {
  let id = requestIds.get(request);
  if (id === undefined) {
    const given = request.headers.get(REQUEST_ID_HEADER);
    id = given !== null && ACCEPTABLE_ID.test(given) ? given : randomUUID();
    requestIds.set(request, id);
  }
  return id;
}

function withRequestId(result: ExecutionResult, requestId: string): ExecutionResult {
  if (!result.errors?.length) return result;
  return {
    ...result,
    errors: result.errors.map((error) => withExtensions(error, { requestId })),
  };
}

/**
 * Puts the request id in the response header and in every error's `extensions.requestId`
 * (validation and limit errors included), so a user's report leads to the log lines.
 */
export function useRequestId(): Plugin {
  return {
    onResultProcess: ({ request, result, setResult }) => {
      if (Array.isArray(result) || Symbol.asyncIterator in result) return;
      setResult(withRequestId(result as ExecutionResult, requestIdOf(request)));
    },
    onResponse: ({ request, response }) => {
      response.headers.set(REQUEST_ID_HEADER, requestIdOf(request));
    },
  };
}
