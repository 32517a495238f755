import { builder } from './builder.js';

export interface DataSource {
  id: string;
  name: string | null;
}

export const MmsDataSource = builder.objectRef<DataSource>('MmsDataSource').implement({
  description: 'An MMA data source: the external system (Hive, BigQuery, MaxCompute, ...) data is migrated from.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Data source ID.' }),
    name: t.exposeString('name', { nullable: true, shareable: true, description: 'Data source name.' }),
  }),
});

// Other subgraphs (one serving GetMmsDataSource, say) may define MmsDataSource too. It is an
// entity keyed by `id` that this subgraph cannot resolve on its own (`resolvable: false`), and
// the fields it shares are @shareable, so composition succeeds whichever subgraph owns the rest.
builder.asEntity(MmsDataSource, {
  key: builder.keyDirective(builder.selection<{ id: string }>('id'), false),
  // Never called by a router (the key is not resolvable here); required by the builder's types.
  resolveReference: (reference) => ({ id: reference.id, name: null }),
});
