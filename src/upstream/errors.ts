/** The GraphQL `extensions.code` of every upstream failure the gateway reports. */
export const UPSTREAM_ERROR_CODES = [
  'NOT_FOUND',
  'FORBIDDEN',
  'UPSTREAM_UNAUTHENTICATED',
  'UPSTREAM_THROTTLED',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_BAD_RESPONSE',
  'UPSTREAM_ERROR',
] as const;
export type UpstreamErrorCode = (typeof UPSTREAM_ERROR_CODES)[number];

const RETRYABLE: ReadonlySet<UpstreamErrorCode> = new Set(['UPSTREAM_THROTTLED', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT']);
// Failures in which the upstream never took a signed request: unreachable, silent, garbled, or it refused the signature.
const NOT_ACCEPTED: ReadonlySet<UpstreamErrorCode> = new Set([
  'UPSTREAM_UNAUTHENTICATED',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_BAD_RESPONSE',
]);

export interface UpstreamErrorDetails {
  upstreamCode?: string | null;
  upstreamRequestId?: string | null;
  httpStatus?: number | null;
  retryAfterMs?: number | null;
  /** The caller stopped waiting (deadline, client gone): nothing was wrong with the upstream. */
  abandoned?: boolean;
  /** No retry can happen in time (the caller's deadline comes first): give up on this one. */
  final?: boolean;
  /** The upstream does not know the call itself (action, version, path): a fault of the gateway's. */
  unknownCall?: boolean;
}

/**
 * A failed GetMmsPartition call, as a value: its kind (`code`), what the upstream said,
 * and whether trying again later may help. Its message never holds a secret or a URL.
 */
export class UpstreamError extends Error {
  readonly upstreamCode: string | null;
  readonly upstreamRequestId: string | null;
  readonly httpStatus: number | null;
  readonly retryable: boolean;
  /** The upstream's own Retry-After, when it is visible. */
  readonly retryAfterMs: number | null;
  /** True when the caller gave up, not the upstream: never retried, never held against it. */
  readonly abandoned: boolean;
  /** True when the gateway will not retry this call itself (the client may still, later). */
  readonly final: boolean;
  /** The upstream refused the call as one it does not know (see `UpstreamErrorDetails`). */
  readonly unknownCall: boolean;

  constructor(
    readonly code: UpstreamErrorCode,
    message: string,
    details: UpstreamErrorDetails = {},
  ) {
    super(message);
    this.name = 'UpstreamError';
    this.upstreamCode = details.upstreamCode ?? null;
    this.upstreamRequestId = details.upstreamRequestId ?? null;
    this.httpStatus = details.httpStatus ?? null;
    this.abandoned = details.abandoned ?? false;
    this.retryable = RETRYABLE.has(code) && !this.abandoned;
    this.final = details.final ?? false;
    this.unknownCall = details.unknownCall ?? false;
    this.retryAfterMs = details.retryAfterMs ?? null;
  }

  /** The same failure, marked so that the gateway does not retry it. */
  asFinal(): UpstreamError {
    return new UpstreamError(this.code, this.message, {
      upstreamCode: this.upstreamCode,
      upstreamRequestId: this.upstreamRequestId,
      httpStatus: this.httpStatus,
      retryAfterMs: this.retryAfterMs,
      abandoned: this.abandoned,
      final: true,
      unknownCall: this.unknownCall,
    });
  }

  /**
   * Whether the upstream took the signed request and answered it (a refusal of the call itself
   * counts, but not a call it does not know: the gateway cannot serve anything through that).
   */
  get acceptedByUpstream(): boolean {
    return !NOT_ACCEPTED.has(this.code) && !this.unknownCall;
  }
}

/** The record does not exist (the upstream said 404, or answered without data); `message` names it. */
export function notFoundError(message: string, details: UpstreamErrorDetails = {}): UpstreamError {
  return new UpstreamError('NOT_FOUND', message, details);
}

const CREDENTIAL_CODES =
  /^(SignatureDoesNotMatch|IncompleteSignature|InvalidAccessKeyId|InvalidTimeStamp|SignatureNonceUsed|InvalidSecurityToken|InvalidCredentials|MissingSecurityToken|InvalidAccessKeySecret)/;
// The provider's answers to a call it does not know (a wrong action, version, path or method):
// HTTP 404 for some of them, but a mistake in a call's description, never a missing record.
const UNKNOWN_CALL_CODES = /^(InvalidAction|InvalidVersion|InvalidApi|ApiNotFound|UnsupportedHTTPMethod|InvalidUri)\b/;
// What a 404 for a record that does not exist says (or no code at all).
const MISSING_RECORD_CODES = /NotFound|NotExist|NoSuch/i;
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

/** What the client library's errors carry, read defensively (they are plain objects). */
interface ClientErrorShape {
  name?: unknown;
  code?: unknown;
  statusCode?: unknown;
  data?: unknown;
}

function field(data: unknown, ...names: string[]): string | null {
  if (typeof data !== 'object' || data === null) return null;
  for (const name of names) {
    const value = (data as Record<string, unknown>)[name];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return null;
}

// `callApi` drops response headers from its errors, so a Retry-After header is only seen if a
// later client version passes headers on (`data.headers`) or the body names one itself.
function retryAfterMs(data: unknown): number | null {
  const headers = typeof data === 'object' && data !== null ? (data as { headers?: unknown }).headers : undefined;
  const raw = field(headers, 'retry-after', 'Retry-After') ?? field(data, 'RetryAfter', 'retryAfter');
  if (raw === null) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

/** Classifies whatever `@alicloud/openapi-client` threw into an UpstreamError; `notFound` names the missing record. */
export function classifyClientError(
  error: unknown,
  notFound: (details: UpstreamErrorDetails) => UpstreamError,
  timeoutMs: number,
): UpstreamError {
  if (error instanceof UpstreamError) return error;
  const shape: ClientErrorShape = typeof error === 'object' && error !== null ? error : {};
  const name = typeof shape.name === 'string' ? shape.name : '';
  const code = typeof shape.code === 'string' ? shape.code : null;
  const status = typeof shape.statusCode === 'number' ? shape.statusCode : null;
  const details = {
    upstreamCode: code,
    upstreamRequestId: field(shape.data, 'RequestId', 'requestId'),
    httpStatus: status,
    retryAfterMs: retryAfterMs(shape.data),
  };

  if (name === 'RequestTimeoutError' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') {
    return new UpstreamError('UPSTREAM_TIMEOUT', `The upstream did not answer within ${timeoutMs} ms.`, { ...details, upstreamCode: null });
  }
  // A non-JSON body (an HTML page from a proxy, an empty body) surfaces as a SyntaxError
  // whatever its HTTP status: the client library drops the status before we see it.
  if (error instanceof SyntaxError) return new UpstreamError('UPSTREAM_BAD_RESPONSE', 'The upstream answer is not JSON.');
  if (status === null) {
    if (code !== null && CONNECTION_CODES.has(code))
      return new UpstreamError('UPSTREAM_UNAVAILABLE', `The upstream connection failed (${code}).`, details);
    if (code === 'InvalidCredentials' || /credential/i.test(name)) {
      return new UpstreamError('UPSTREAM_UNAUTHENTICATED', 'No usable Alibaba Cloud credentials were found for the upstream call.', {
        upstreamCode: code,
      });
    }
    return new UpstreamError('UPSTREAM_ERROR', 'The upstream call failed unexpectedly.', { upstreamCode: code });
  }
  const said = code ?? `HTTP ${status}`;
  if (code !== null && CREDENTIAL_CODES.test(code))
    return new UpstreamError('UPSTREAM_UNAUTHENTICATED', `The upstream refused the gateway's credentials or signature (${said}).`, details);
  if (status === 401)
    return new UpstreamError('UPSTREAM_UNAUTHENTICATED', `The upstream refused the gateway's credentials (${said}).`, details);
  if (status === 429 || (code !== null && /^Throttling/.test(code)))
    return new UpstreamError('UPSTREAM_THROTTLED', `The upstream is throttling calls (${said}).`, details);
  if (code !== null && UNKNOWN_CALL_CODES.test(code)) {
    return new UpstreamError('UPSTREAM_ERROR', `The upstream does not know the gateway's call (${said}).`, {
      ...details,
      unknownCall: true,
    });
  }
  if (status === 403) return new UpstreamError('FORBIDDEN', `The gateway's identity may not read this (${said}).`, details);
  if (status === 404 && (code === null || MISSING_RECORD_CODES.test(code))) return notFound(details);
  if (status >= 500) return new UpstreamError('UPSTREAM_UNAVAILABLE', `The upstream is unavailable (${said}).`, details);
  return new UpstreamError('UPSTREAM_ERROR', `The upstream refused the call (${said}).`, details);
}
