import { isObject, type JsonObject, type JsonValue, optionalIntegerDigits, ShapeError } from '../json.js';

// Field readers the inventory records share beyond those of `../json.ts`.

/** An ID the record cannot be addressed without: its canonical decimal digits. */
export function requiredIntegerDigits(data: JsonObject, field: string): string {
  const digits = optionalIntegerDigits(data, field);
  if (digits === null) throw new ShapeError(`"${field}" is missing`);
  return digits;
}

/** Whether any of the fields is present and not null. */
export function anyPresent(data: JsonObject, fields: readonly string[]): boolean {
  return fields.some((field) => data[field] !== undefined && data[field] !== null);
}

/** One member of a properties object. */
export interface Property {
  key: string;
  value: string;
}

// The strings and the structural characters of a JSON text; numbers, literals and whitespace lie between them.
const JSON_TOKEN = /"(?:[^"\\]|\\.)*"|[{}[\]:,]/g;

/**
 * An `extra` field: the JSON text of an object inside a string (`"{\"field.delim\":\"|\"}"`),
 * read as its members in the order they were written. A string value is kept as it is, not
 * trimmed (Hive delimiters are often a tab or a space); any other value as the JSON text that
 * was sent, so that a wide integer keeps its digits. The field is cosmetic: an absent, empty,
 * unparseable or non-object value gives no properties instead of failing the whole record.
 */
export function optionalProperties(data: JsonObject, field: string): Property[] {
  const text = data[field];
  if (typeof text !== 'string') return [];
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return [];
  } catch {
    return [];
  }
  // Scanned rather than taken from the parsed object, which would move integer-like keys
  // ("1", "2") to the front. A repeated key keeps its first place and its last value, as JSON.parse does.
  const members = new Map<string, string>();
  let depth = 0;
  let key: string | null = null;
  let valueStart = 0;
  for (const match of text.matchAll(JSON_TOKEN)) {
    const token = match[0];
    if (depth === 1) {
      if (key === null && token.startsWith('"')) {
        key = JSON.parse(token) as string;
        continue;
      }
      if (token === ':') valueStart = match.index + 1;
      else if ((token === ',' || token === '}') && key !== null) {
        const value = text.slice(valueStart, match.index).trim();
        members.set(key, value.startsWith('"') ? (JSON.parse(value) as string) : value);
        key = null;
      }
    }
    if (token === '{' || token === '[') depth += 1;
    else if (token === '}' || token === ']') depth -= 1;
  }
  return [...members].map(([name, value]) => ({ key: name, value }));
}

/** How long an inventory record stays fresh: a finished (DONE, FAILED) one long, any other briefly. */
export function freshnessByStatus(record: { status: string | null }): 'terminal' | 'active' {
  return record.status === 'DONE' || record.status === 'FAILED' ? 'terminal' : 'active';
}

/** The unknown status of a record, for the warning log line. */
export function unknownStatusOf(record: { unknownStatus: string | null }): string[] {
  return record.unknownStatus === null ? [] : [`status=${record.unknownStatus}`];
}

/**
 * A record of the asked-for source, read by `read`: refused when it names another source, and
 * given the path's source ID when it leaves it out.
 */
export function readOfSource<T extends { sourceId: string | null }>(
  read: (data: JsonObject) => T,
  data: JsonValue,
  sourceId: string,
): T & { sourceId: string } {
  if (!isObject(data)) throw new ShapeError('"data" is not an object');
  const record = read(data);
  if (record.sourceId !== null && record.sourceId !== sourceId) throw new ShapeError('the answer names another data source');
  return { ...record, sourceId };
}
