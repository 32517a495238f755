import type { UpstreamInteger } from '../upstream/json.js';
import { valueOutOfRange } from './errors.js';

/** An upstream integer as SafeInt: refused (VALUE_OUT_OF_RANGE, with its digits) rather than rounded beyond 2^53-1. */
export function exactInteger(field: string, integer: UpstreamInteger | null): number | null {
  if (integer === null) return null;
  if (!integer.exact) throw valueOutOfRange(field, integer.digits);
  return integer.value;
}
