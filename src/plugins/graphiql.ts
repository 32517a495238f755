import type { GraphiQLOptions, Plugin } from 'graphql-yoga';

// GraphiQL served entirely by the gateway: the page, its script, styles and Monaco's workers
// are files of this origin (cacheable, and allowed by a strict Content-Security-Policy),
// never a CDN. The assets come from @graphql-yoga/render-graphiql, which bundles them; it is
// loaded on the first GraphiQL request, since holding its 9 MB of sources costs every gateway
// process about 45 MB of memory whether anyone opens GraphiQL or not.

const ASSET_PREFIX = '/graphiql/';
const BOOT = `
const options = JSON.parse(document.getElementById('graphiql-options').textContent);
self.MonacoEnvironment = {
  globalAPI: false,
  getWorkerUrl: (_moduleId, label) => '${ASSET_PREFIX}' + (label === 'json' || label === 'graphql' ? label : 'editor') + '.worker.js',
};
YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), options);
`;

interface GraphiQLBundle {
  favicon: string;
  assets: Map<string, { body: string; type: string }>;
}

let bundle: Promise<GraphiQLBundle> | null = null;

function loadBundle(): Promise<GraphiQLBundle> {
  bundle ??= import('@graphql-yoga/render-graphiql/graphiql').then(
    ({ css, editorWorkerService, favicon, graphqlWorker, js, jsonWorker }) => {
      const script = 'text/javascript; charset=utf-8';
      return {
        favicon,
        assets: new Map([
          ['graphiql.js', { body: js, type: script }],
          ['graphiql.css', { body: css, type: 'text/css; charset=utf-8' }],
          ['editor.worker.js', { body: editorWorkerService, type: script }],
          ['json.worker.js', { body: jsonWorker, type: script }],
          ['graphql.worker.js', { body: graphqlWorker, type: script }],
          ['boot.js', { body: BOOT, type: script }],
        ]),
      };
    },
  );
  return bundle;
}

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
export async function renderGraphiQLPage(options: GraphiQLOptions = {}): Promise<string> {
  const { favicon } = await loadBundle();
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
    // Synchronous for every other path: an async hook would make each request wait a tick.
    onRequest: ({ url, endResponse, fetchAPI }) => {
      if (!url.pathname.startsWith(ASSET_PREFIX)) return;
      return loadBundle().then(({ assets }) => {
        const asset = assets.get(url.pathname.slice(ASSET_PREFIX.length));
        endResponse(
          asset
            ? new fetchAPI.Response(asset.body, {
                status: 200,
                headers: { 'content-type': asset.type, 'cache-control': 'public, max-age=86400', 'x-content-type-options': 'nosniff' },
              })
            : new fetchAPI.Response('Not found', { status: 404 }),
        );
      });
    },
    onResponse: ({ request, response }) => {
      // The content type first: it rules out almost every response without parsing a URL.
      if (response.headers.get('content-type')?.startsWith('text/html') && new URL(request.url).pathname === graphqlEndpoint) {
        response.headers.set('content-security-policy', GRAPHIQL_CSP);
        response.headers.set('x-content-type-options', 'nosniff');
      }
    },
  };
}
