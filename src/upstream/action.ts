import { notFoundError, UpstreamError } from './errors.js';
import { type JsonValue, type Page, readEnvelope, ShapeError } from './json.js';

// What an action of the MMS API family is, described once: the gateway's signed call, its
// cache key, its metrics label and the emulator's route are all derived from a description.

/** The API version of every action of the family. */
export const MMS_API_VERSION = '2022-01-04';

/**
 * How one query parameter travels, as the provider's own SDKs send it
 * (`../shared/reference/mms-api-family.md` §1.4):
 * - `string`, `integer` (decimal), `boolean` (`true`/`false`): the plain value;
 * - `json-array`: one parameter whose value is the JSON text of an array of strings
 *   (`status=["DONE","FAILED"]`), never repeated names or `status.1`;
 * - `json-object`: one parameter holding the JSON text of an object (ListMmsDbs's `sorter`);
 * - `dotted`: an object flattened into one parameter per member (`sorter.numRows=desc`);
 * - `flag`: a boolean the API types as an integer (ListMmsJobs' `stopped`): sent `1`/`0`; the
 *   spelling the service accepts is not documented, so the emulator takes `true`/`false` too.
 */
export type QueryForm = 'string' | 'integer' | 'boolean' | 'flag' | 'json-array' | 'json-object' | 'dotted';

/** A query parameter's value before it is written in its form. */
export type QueryValue = string | number | boolean | readonly string[] | Readonly<Record<string, string>>;

/** The parameters of one call: path parameters (decimal IDs) and query parameters by wire name. */
export interface CallParams {
  readonly path: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, QueryValue | undefined>>;
}

/** How long an answer stays fresh in the shared cache (TTLs come from the configuration). */
export type Freshness = 'terminal' | 'active' | 'list';

export interface UpstreamAction<Result> {
  /** The action's name: the signed `x-acs-action`, the span name and the metrics label. */
  readonly name: string;
  /**
   * `get`: one record, an answer without `data` is NOT_FOUND; `list`: one page of records;
   * `write`: a change (never retried, never cached, never batched).
   */
  readonly kind: 'get' | 'list' | 'write';
  readonly method: 'GET' | 'POST';
  /** The path with `{name}` placeholders for the path parameters, e.g. `/api/v1/mms/datasources/{sourceId}`. */
  readonly path: string;
  /** The query parameters the action takes, by wire name, with their forms. */
  readonly query: Readonly<Record<string, QueryForm>>;
  /** What a NOT_FOUND of this call says, e.g. `Partition 9 of data source 7 was not found.` */
  notFound(params: CallParams): string;
  /** Reads the answer's `data` (present, not null); throws ShapeError for anything undocumented. */
  read(data: JsonValue, params: CallParams): Result;
  /** The answer of a `list` or `write` action without `data`. */
  readonly empty?: Result;
  /** How long a result stays fresh. */
  freshness(result: Result): Freshness;
  /** Values of the result this gateway does not know (enum values the API added), by field: logged as warnings. */
  unknownValues?(result: Result): string[];
}

/** A List action, with what its items are one by one: the Get action that reads one, and its parameters. */
export interface ListAction<Item> extends UpstreamAction<Page<Item>> {
  readonly items: {
    readonly get: UpstreamAction<Item>;
    params(item: Item): CallParams;
  };
}

/** The records of a List action's page with the Get action and parameters that read each alone; none for a Get. */
export function listedRecords(
  action: UpstreamAction<unknown>,
  result: unknown,
): { get: UpstreamAction<unknown>; params: CallParams; record: unknown }[] {
  if (!('items' in action)) return [];
  const { items } = action as ListAction<unknown>;
  return (result as Page<unknown>).items.map((record) => ({ get: items.get, params: items.params(record), record }));
}

/**
 * Reads a success body of `action` into its result, with the answer's request id (its
 * `requestId`, else the header's). A `get` answer without `data` is NOT_FOUND, a `list` one
 * the empty page; anything undocumented is UPSTREAM_BAD_RESPONSE.
 */
export function readAnswer<Result>(
  action: UpstreamAction<Result>,
  params: CallParams,
  body: string,
  headerRequestId: string | null,
): { result: Result; requestId: string | null } {
  const { requestId, data } = readEnvelope(body, headerRequestId);
  if (data === undefined) {
    if (action.empty === undefined) throw notFoundError(action.notFound(params), { upstreamRequestId: requestId });
    return { result: action.empty, requestId };
  }
  try {
    return { result: action.read(data, params), requestId };
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    throw new UpstreamError('UPSTREAM_BAD_RESPONSE', `The upstream answer is not the documented shape: ${error.message}.`, {
      upstreamRequestId: requestId,
    });
  }
}

/** The path of a call: the template with each parameter percent-encoded in place. */
export function callPath(action: UpstreamAction<unknown>, params: CallParams): string {
  return action.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params.path[name];
    if (value === undefined) throw new Error(`${action.name}: path parameter ${name} is missing`);
    return encodeURIComponent(value);
  });
}

const parameterNames = new WeakMap<UpstreamAction<unknown>, readonly string[]>();

/** The path parameters' names of an action, in the order of its path (read once per action: every call keys by them). */
export function pathParameterNames(action: UpstreamAction<unknown>): readonly string[] {
  let names = parameterNames.get(action);
  if (!names) {
    names = [...action.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
    parameterNames.set(action, names);
  }
  return names;
}

/** Identifies a call among the calls of its action: path and query parameters in a canonical order. */
export function callKey(action: UpstreamAction<unknown>, params: CallParams): string {
  const path = pathParameterNames(action).map((name) => params.path[name] ?? '');
  const query = Object.entries(params.query ?? {})
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return query.length === 0 ? path.join('/') : `${path.join('/')}?${JSON.stringify(query)}`;
}

/** Writes query parameters in the forms the action declares (unknown names are a programming error). */
export function wireQuery(action: UpstreamAction<unknown>, params: CallParams): Record<string, string> {
  const wire: Record<string, string> = {};
  for (const [name, value] of Object.entries(params.query ?? {})) {
    if (value === undefined) continue;
    const form = action.query[name];
    if (form === undefined) throw new Error(`${action.name} takes no query parameter ${name}`);
    if (form === 'dotted') {
      if (typeof value !== 'object' || Array.isArray(value)) throw new Error(`${action.name}: ${name} must be an object`);
      for (const [member, memberValue] of Object.entries(value as Record<string, string>)) wire[`${name}.${member}`] = memberValue;
    } else if (form === 'json-array' || form === 'json-object') {
      wire[name] = JSON.stringify(value);
    } else if (form === 'flag') {
      wire[name] = value ? '1' : '0';
    } else {
      wire[name] = String(value);
    }
  }
  return wire;
}

/** A query parameter the emulator (like the service) refuses: its name or form is not the action's. */
export class QueryFormError extends Error {}

/**
 * Reads a received query string back into typed values by the action's forms: the emulator's
 * half of `wireQuery`. Anything not in a declared form is refused, so a wrong wire form shows.
 */
export function readWireQuery(action: UpstreamAction<unknown>, entries: Iterable<[string, string]>): Record<string, QueryValue> {
  const values: Record<string, QueryValue> = {};
  const seen = new Set<string>();
  for (const [rawName, raw] of entries) {
    if (seen.has(rawName)) throw new QueryFormError(`${rawName} is given more than once.`);
    seen.add(rawName);
    const dot = rawName.indexOf('.');
    const name = dot < 0 ? rawName : rawName.slice(0, dot);
    const form = action.query[name];
    if (form === undefined) throw new QueryFormError(`${rawName} is not a parameter of ${action.name}.`);
    // The reference asks for both spellings of `sorter` (dotted members, one JSON object) to be accepted.
    if (form === 'dotted' || (form === 'json-object' && name === 'sorter')) {
      const sorted = (values[name] ?? {}) as Record<string, string>;
      if (dot >= 0) {
        const member = rawName.slice(dot + 1);
        if (member === '') throw new QueryFormError(`${rawName} names no member of ${name}.`);
        values[name] = { ...sorted, [member]: raw };
      } else if (name === 'sorter' || form === 'json-object') {
        values[name] = { ...sorted, ...jsonObject(rawName, raw) };
      } else {
        throw new QueryFormError(`${rawName} must be sent as ${name}.<member>=<value>.`);
      }
      continue;
    }
    if (dot >= 0) throw new QueryFormError(`${rawName}: ${name} is not an object parameter.`);
    values[name] = readValue(rawName, form, raw);
  }
  return values;
}

function jsonObject(name: string, raw: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new QueryFormError(`${name} must be the JSON text of an object.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new QueryFormError(`${name} must be the JSON text of an object.`);
  }
  const members: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== 'string') throw new QueryFormError(`${name}.${key} must be a string.`);
    members[key] = value;
  }
  return members;
}

function readValue(name: string, form: Exclude<QueryForm, 'dotted'>, raw: string): QueryValue {
  switch (form) {
    case 'string':
      return raw;
    case 'integer':
      if (!/^-?\d+$/.test(raw)) throw new QueryFormError(`${name} must be a decimal integer.`);
      return raw;
    case 'boolean':
      if (raw !== 'true' && raw !== 'false') throw new QueryFormError(`${name} must be true or false.`);
      return raw === 'true';
    case 'flag':
      if (!['1', '0', 'true', 'false'].includes(raw)) throw new QueryFormError(`${name} must be 1 or 0.`);
      return raw === '1' || raw === 'true';
    case 'json-object':
      return jsonObject(name, raw);
    case 'json-array': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        throw new QueryFormError(`${name} must be the JSON text of an array, e.g. ["DONE","FAILED"].`);
      }
      if (!Array.isArray(parsed) || !parsed.every((item): item is string => typeof item === 'string')) {
        throw new QueryFormError(`${name} must be the JSON text of an array of strings.`);
      }
      return parsed;
    }
  }
}
