import type { Plugin } from 'graphql-yoga';

/**
 * Refuses request bodies above `maxBytes` before they are read (413), and bodies of unknown
 * length (411): without a declared length the size is only known after reading it all.
 */
export function useBodyLimit(maxBytes: number): Plugin {
  return {
    onRequest: ({ request, endResponse, fetchAPI }) => {
      if (request.method !== 'POST') return;
      const length = request.headers.get('content-length');
      if (length === null) {
        endResponse(new fetchAPI.Response('A Content-Length header is required.', { status: 411 }));
      } else if (!/^\d+$/.test(length) || Number(length) > maxBytes) {
        endResponse(new fetchAPI.Response(`Request bodies are limited to ${maxBytes} bytes.`, { status: 413 }));
      }
    },
  };
}
