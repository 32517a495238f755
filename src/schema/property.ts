import type { Property } from '../upstream/actions/fields.js';
import { builder } from './builder.js';

export const MmsProperty = builder.objectRef<Property>('MmsProperty').implement({
  description: 'One property of a record (its `extra` JSON text, read into key/value pairs; non-text values as JSON text).',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Property name.' }),
    value: t.exposeString('value', { description: 'Property value.' }),
  }),
});
