import { createRequire } from 'node:module';

// The Alibaba Cloud SDK packages are CommonJS with a `default` export. Node's ESM loader and
// test bundlers disagree on what `import X from` yields for them, so they are required
// explicitly: `require()` gives the same object everywhere.
const require = createRequire(import.meta.url);

export const OpenApi = require('@alicloud/openapi-client') as typeof import('@alicloud/openapi-client');
export const TeaUtil = require('@alicloud/tea-util') as typeof import('@alicloud/tea-util');
export const Credentials = require('@alicloud/credentials') as typeof import('@alicloud/credentials');

export type OpenApiClient = import('@alicloud/openapi-client').default;
export type Credential = import('@alicloud/credentials').default;
