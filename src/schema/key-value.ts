import type { Property } from '../upstream/actions/fields.js';
import { builder } from './builder.js';

export const MmsKeyValue = builder.objectRef<Property>('MmsKeyValue').implement({
  description: 'One entry of a map of the API (a mapping, a filter per table), in the order the upstream sent it.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The key, e.g. a source table or column name.' }),
    value: t.exposeString('value', { description: 'Its value, e.g. the destination name or a filter expression.' }),
  }),
});
