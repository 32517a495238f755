import {
  type DocumentNode,
  execute,
  GraphQLError,
  type GraphQLFormattedError,
  getOperationAST,
  OperationTypeNode,
  parse,
  subscribe,
  validate,
} from 'graphql';
import { createMmsClient, staticCredential } from '../../src/app.js';
import { UpstreamReader } from '../../src/cache/upstream-reader.js';
import { createContext, releaseRequest } from '../../src/context.js';
import { createLogger } from '../../src/logger.js';
import { GatewayMetrics } from '../../src/observability/metrics.js';
import { estimateReads, overBudgetError } from '../../src/plugins/read-estimate.js';
import { gatewaySchemas } from '../../src/schema/index.js';
import type { Harness } from './harness.js';

// The reference side of differential tests: graphql-js's own `validate` + `execute` over the
// schema object the gateway serves, with the gateway's own per-request context, reading the same
// emulator through a client of its own. Its answer is what a GraphQL server running graphql-js
// would send: serialised as JSON, with the gateway's documented answer conventions applied.

export interface WireError {
  message: string;
  path?: (string | number)[];
  locations?: { line: number; column: number }[];
  extensions?: Record<string, unknown>;
}

/** A GraphQL answer as a client reads it off the wire. */
export interface WireAnswer {
  data?: Record<string, unknown> | null;
  errors?: WireError[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toWireError(value: unknown): WireError {
  if (!isRecord(value) || typeof value.message !== 'string') throw new Error(`not a GraphQL error: ${JSON.stringify(value)}`);
  const { message, path, locations, extensions } = value;
  const error: WireError = { message };
  if (Array.isArray(path))
    error.path = path.filter((step): step is string | number => typeof step === 'string' || typeof step === 'number');
  if (Array.isArray(locations)) {
    error.locations = locations.filter(
      (location): location is { line: number; column: number } =>
        isRecord(location) && typeof location.line === 'number' && typeof location.column === 'number',
    );
  }
  if (isRecord(extensions)) error.extensions = extensions;
  return error;
}

/** Reads a JSON answer body into its GraphQL shape, refusing anything that is not one. */
export function readWireAnswer(text: string): WireAnswer {
  const json: unknown = JSON.parse(text);
  if (!isRecord(json)) throw new Error(`not a GraphQL answer: ${text.slice(0, 200)}`);
  const answer: WireAnswer = {};
  if ('data' in json) {
    if (json.data !== null && !isRecord(json.data)) throw new Error(`answer data is not an object: ${text.slice(0, 200)}`);
    answer.data = json.data;
  }
  if ('errors' in json) {
    if (!Array.isArray(json.errors)) throw new Error(`answer errors are not a list: ${text.slice(0, 200)}`);
    answer.errors = json.errors.map(toWireError);
  }
  return answer;
}

/** What clients may rely on in one error: its message, where in the data, and its code. */
export interface ErrorKey {
  message: string;
  path: (string | number)[] | null;
  code: unknown;
}

/** The answer's errors as a multiset, in a stable order, so that two answers compare by equality. */
export function errorKeys(answer: WireAnswer): ErrorKey[] {
  return (answer.errors ?? [])
    .map((error) => ({ message: error.message, path: error.path ?? null, code: error.extensions?.code ?? null }))
    .sort((a, b) => {
      const [left, right] = [JSON.stringify(a), JSON.stringify(b)];
      return left < right ? -1 : left > right ? 1 : 0;
    });
}

/** Paths of field errors that do not say where in the document the field is. */
export function fieldErrorsWithoutLocations(answer: WireAnswer): (string | number)[][] {
  return (answer.errors ?? []).flatMap((error) =>
    error.path !== undefined && (error.locations === undefined || error.locations.length === 0) ? [error.path] : [],
  );
}

function withCode(error: GraphQLFormattedError, code: string): GraphQLFormattedError {
  return { ...error, extensions: { ...error.extensions, code } };
}

// A server never shows the message of an error it did not make itself (a resolver's TypeError,
// say): it answers "Unexpected error." in its place, as yoga's masking does.
function isOwnGraphQLError(error: unknown): boolean {
  if (!(error instanceof GraphQLError)) return false;
  return error.originalError === undefined || error.originalError === null || isOwnGraphQLError(error.originalError);
}

function asServed(error: GraphQLError, executionStarted: boolean): GraphQLFormattedError {
  const formatted = error.toJSON();
  if (!isOwnGraphQLError(error)) return { ...formatted, message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  // The gateway's contract (plugins/variable-errors.ts): variables that fail coercion are bad
  // user input, with a code like every other refusal of input.
  if (!executionStarted && error.path === undefined && formatted.extensions?.code === undefined && /^Variable "\$/.test(error.message)) {
    return withCode(formatted, 'BAD_USER_INPUT');
  }
  return formatted;
}

export interface ReferenceExecutor {
  run(query: string, variables?: Record<string, unknown>): Promise<WireAnswer>;
}

/** graphql-js over the gateway's schema and context, reading the harness's emulator. */
export function graphqlJsReference(harness: Harness): ReferenceExecutor {
  const { config, emulator } = harness;
  const [key] = emulator.credentials;
  if (!key) throw new Error('emulator without credentials');
  const logger = createLogger('silent');
  const endpoint = { protocol: 'http' as const, host: emulator.endpoint };
  const client = createMmsClient(config, endpoint, staticCredential(key.accessKeyId, key.accessKeySecret), logger, new GatewayMetrics());
  const reader = new UpstreamReader(client, null);
  const limits = {
    maxEntities: config.maxEntities,
    maxKeysPerRequest: config.maxKeysPerRequest,
    requestTimeoutMs: config.requestTimeoutMs,
  };
  let requests = 0;

  // The schema a gateway with this configuration serves (without mutations unless they are on).
  const { subgraphSchema } = gatewaySchemas(config.mutations);
  return {
    async run(query, variables) {
      let document: DocumentNode;
      try {
        document = parse(query);
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        return readWireAnswer(JSON.stringify({ errors: [withCode(error.toJSON(), 'GRAPHQL_PARSE_FAILED')] }));
      }
      const invalid = validate(subgraphSchema, document);
      if (invalid.length > 0) {
        return readWireAnswer(JSON.stringify({ errors: invalid.map((error) => withCode(error.toJSON(), 'GRAPHQL_VALIDATION_FAILED')) }));
      }
      requests += 1;
      const request = new Request('http://reference.invalid/graphql', { method: 'POST' });
      const contextValue = createContext({ reader, logger, limits }, request, `reference-${requests}`);
      // Variables as the server gets them: decoded from JSON.
      const variableValues: unknown = variables === undefined ? undefined : JSON.parse(JSON.stringify(variables));
      const args = {
        schema: subgraphSchema,
        document,
        variableValues: isRecord(variableValues) ? variableValues : undefined,
        contextValue,
      };
      // The gateway's refusal before execution (plugins/read-estimate.ts) of what may read too much.
      const estimate = estimateReads(subgraphSchema, document, undefined, args.variableValues, contextValue);
      if (estimate !== null && estimate > limits.maxKeysPerRequest) {
        releaseRequest(request);
        return readWireAnswer(JSON.stringify({ errors: [overBudgetError(estimate, limits.maxKeysPerRequest).toJSON()] }));
      }
      try {
        const result =
          getOperationAST(document)?.operation === OperationTypeNode.SUBSCRIPTION ? await subscribe(args) : await execute(args);
        if (Symbol.asyncIterator in result) throw new Error('the reference cannot compare event streams');
        const executionStarted = 'data' in result;
        const errors = result.errors?.map((error) => asServed(error, executionStarted));
        return readWireAnswer(JSON.stringify({ ...(executionStarted && { data: result.data }), ...(errors && { errors }) }));
      } finally {
        releaseRequest(request);
      }
    },
  };
}
