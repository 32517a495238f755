/** A read left undone because its request already used its budget of upstream reads. */
export class FanOutLimitError extends Error {
  readonly code = 'LIMIT_EXCEEDED';

  constructor(readonly maxKeys: number) {
    super(`This request already reads ${maxKeys} distinct records from the upstream, the most one request may; this one was not read.`);
    this.name = 'FanOutLimitError';
  }
}

/**
 * One request's budget of distinct upstream reads (`MMS_MAX_KEYS_PER_REQUEST`), shared by all
 * of its loaders: whatever mix of fields, lists and entities asks, the request reads at most this many.
 */
export class ReadBudget {
  private used = 0;

  constructor(readonly max: number) {}

  /** Takes up to `wanted` reads; returns how many were granted. */
  take(wanted: number): number {
    const granted = Math.max(0, Math.min(wanted, this.max - this.used));
    this.used += granted;
    return granted;
  }
}
