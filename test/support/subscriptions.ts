import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

// Subscribing to live partition status as clients do: over Server-Sent Events and over
// graphql-ws, each stream collecting its events for the test (or the benchmark) to wait on.

export const PARTITION_CHANGED = `subscription ($keys: [MmsPartitionKey!]!) { mmsPartitionChanged(keys: $keys) { id status size } }`;

export interface Stream {
  events: Record<string, unknown>[];
  /** Resolves with the events once there are at least `count`. */
  waitFor(count: number, timeoutMs: number): Promise<Record<string, unknown>[]>;
  close(): void;
}

function collector(close: () => void): Stream & { push(event: Record<string, unknown>): void } {
  const events: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  return {
    events,
    push: (event) => {
      events.push(event);
      for (const wake of waiters.splice(0)) wake();
    },
    waitFor: async (count, timeoutMs) => {
      const until = Date.now() + timeoutMs;
      while (events.length < count) {
        const left = until - Date.now();
        if (left <= 0) throw new Error(`${events.length} of ${count} events after ${timeoutMs} ms`);
        await Promise.race([new Promise<void>((resolve) => waiters.push(resolve)), new Promise((resolve) => setTimeout(resolve, left))]);
      }
      return events;
    },
    close,
  };
}

/** One SSE subscription as graphql-yoga serves it (`Accept: text/event-stream`). */
export async function subscribeOverSse(
  url: string,
  variables: Record<string, unknown>,
  { query = PARTITION_CHANGED, headers = {} }: { query?: string; headers?: Record<string, string> } = {},
): Promise<Stream> {
  const controller = new AbortController();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: controller.signal,
  });
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('text/event-stream')) throw new Error(`not an event stream: HTTP ${response.status}, ${type}`);
  const stream = collector(() => controller.abort());
  const reader = response.body?.getReader();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return;
        buffer += decoder.decode(chunk.value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trim())
            .join('\n');
          if (block.startsWith('event: next') && data) stream.push(JSON.parse(data) as Record<string, unknown>);
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // Closed by the test.
    }
  })();
  return stream;
}

export interface WebSocketStream extends Stream {
  /** Set when the socket closed: its close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
}

/** One subscription over graphql-ws, on its own connection (`connectionParams` carry credentials). */
export function subscribeOverWebSocket(
  url: string,
  variables: Record<string, unknown>,
  {
    query = PARTITION_CHANGED,
    connectionParams,
    origin,
  }: { query?: string; connectionParams?: Record<string, string>; origin?: string } = {},
): WebSocketStream {
  let closedWith: (value: { code: number; reason: string }) => void = () => {};
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    closedWith = resolve;
  });
  class OriginWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, origin === undefined ? {} : { origin });
    }
  }
  const client = createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: OriginWebSocket,
    retryAttempts: 0,
    lazy: false,
    // The close is the test's to judge (`closed`), not a console error.
    onNonLazyError: () => {},
    ...(connectionParams && { connectionParams }),
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string | Buffer };
        closedWith({ code, reason: String(reason) });
      },
    },
  });
  // A connection that never opens must not surface as an unhandled error.
  client.on('error', () => {});
  const stream = collector(() => void client.dispose());
  client.subscribe(
    { query, variables },
    {
      next: (event) => stream.push(event as Record<string, unknown>),
      // graphql-ws sends an operation refused before it ran (bad input, say) as a list of errors.
      error: (error) => {
        if (Array.isArray(error)) stream.push({ errors: error });
      },
      complete: () => {},
    },
  );
  return { ...stream, closed };
}
