import { writeFileSync } from 'node:fs';
import { printPublishedSchema } from '../src/schema/index.js';

// Writes the published contract, schema.graphql, from the Pothos schema.
writeFileSync(new URL('../schema.graphql', import.meta.url), printPublishedSchema());
