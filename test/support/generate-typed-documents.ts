import { generate } from '@graphql-codegen/cli';
import { codegenConfig } from '../../codegen.js';

// Runs codegen.ts's generator with its output redirected to the directory given as argument,
// in a plain Node process (as `npm run codegen` runs), so that tests can compare the result.
const [target] = process.argv.slice(2);
if (!target) throw new Error('usage: generate-typed-documents <output directory>');
const [output] = Object.values(codegenConfig.generates);
if (!output) throw new Error('codegen.ts generates nothing');
await generate({ ...codegenConfig, generates: { [`${target}/`]: output }, silent: true }, true);
