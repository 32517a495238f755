import { builder } from './builder.js';

export interface DataSource {
  id: string;
  name: string | null;
}

export const MmsDataSource = builder.objectRef<DataSource>('MmsDataSource').implement({
  description: 'An MMA data source: the external system (Hive, BigQuery, MaxCompute, ...) data is migrated from.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Data source ID.' }),
    name: t.exposeString('name', { nullable: true, description: 'Data source name.' }),
  }),
});
