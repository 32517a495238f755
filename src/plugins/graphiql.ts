import { css, editorWorkerService, favicon, graphqlWorker, js, jsonWorker } from '@graphql-yoga/render-graphiql/graphiql';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';

// GraphiQL served entirely by the gateway: the page, its script, styles and Monaco's workers
// are files of this origin (cacheable, and allowed by a strict Content-Security-Policy),
// never a CDN. The assets come from @graphql-yoga/render-graphiql, which bundles them.

const ASSET_PREFIX = '/graphiql/';
const BOOT = `
const options = JSON.parse(document.getElementById('graphiql-options').textContent);
self.MonacoEnvironment = {
  globalAPI: false,
  getWorkerUrl: (_moduleId, label) => '${ASSET_PREFIX}' + (label === 'json' || label === 'graphql' ? label : 'editor') + '.worker.js',
};
YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), options);
`;

const ASSETS = new Map<string, { body: string; type: string }>([
  ['graphiql.js', { body: js, type: 'text/javascript; charset=utf-8' }],
  ['graphiql.css', { body: css, type: 'text/css; charset=utf-8' }],
  ['editor.worker.js', { body: editorWorkerService, type: 'text/javascript; charset=utf-8' }],
  ['json.worker.js', { body: jsonWorker, type: 'text/javascript; charset=utf-8' }],
  ['graphql.worker.js', { body: graphqlWorker, type: 'text/javascript; charset=utf-8' }],
  ['boot.js', { body: BOOT, type: 'text/javascript; charset=utf-8' }],
]);

/** Only this origin: scripts and workers are files; Monaco sets inline styles; the favicon is a data URL. */
export const GRAPHIQL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The GraphiQL page: no inline script, options as JSON data. */
export function renderGraphiQLPage(options: GraphiQLOptions = {}): string {
  const data = JSON.stringify(options).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(options.title ?? 'GraphiQL')}</title>
    <link rel="icon" href="${escapeHtml(options.favicon ?? favicon)}" />
    <link rel="stylesheet" href="${ASSET_PREFIX}graphiql.css" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run GraphiQL.</noscript>
    <div id="root"></div>
    <script type="application/json" id="graphiql-options">${data}</script>
    <script src="${ASSET_PREFIX}graphiql.js"></script>
    <script src="${ASSET_PREFIX}boot.js"></script>
  </body>
</html>`;
}

/** Serves GraphiQL's assets and puts the Content-Security-Policy on the GraphiQL page. */
export function useSelfHostedGraphiQL(graphqlEndpoint: string): Plugin {
  return {
    onRequest: ({ url, endResponse, fetchAPI }) => {
      if (!url.pathname.startsWith(ASSET_PREFIX)) return;
      const asset = ASSETS.get(url.pathname.slice(ASSET_PREFIX.length));
      endResponse(
        asset
          ? new fetchAPI.Response(asset.body, {
              status: 200,
              headers: { 'content-type': asset.type, 'cache-control': 'public, max-age=86400', 'x-content-type-options': 'nosniff' },
            })
          : new fetchAPI.Response('Not found', { status: 404 }),
      );
    },
    onResponse: ({ request, response }) => {
      if (new URL(request.url).pathname === graphqlEndpoint && response.headers.get('content-type')?.startsWith('text/html')) {
        response.headers.set('content-security-policy', GRAPHIQL_CSP);
        response.headers.set('x-content-type-options', 'nosniff');
      }
    },
  };
}
