import type { TableColumn } from '../upstream/actions/table.js';
import { builder } from './builder.js';

export const MmsColumn = builder.objectRef<TableColumn>('MmsColumn').implement({
  description: "A column of a table's schema (an ordinary or a partition column).",
  fields: (t) => ({
    name: t.exposeString('name', { nullable: true, description: 'Column name.' }),
    type: t.exposeString('type', { nullable: true, description: 'Column type in the source, e.g. `bigint`.' }),
    comment: t.exposeString('comment', { nullable: true, description: 'Column comment.' }),
    defaultValue: t.exposeString('defaultValue', { nullable: true, description: 'Default value, as the source declares it.' }),
    nullable: t.exposeBoolean('nullable', { nullable: true, description: 'Whether the column may be null.' }),
  }),
});
