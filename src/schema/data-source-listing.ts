import type { DataSourceType } from '../upstream/actions/data-source.js';
import { builder } from './builder.js';
import { MmsDataSourceType } from './data-source-enums.js';
import type { ListingRequest } from './listing.js';
import { MmsDataSource } from './refs.js';

export const MmsDataSourceFilter = builder.inputType('MmsDataSourceFilter', {
  description: 'Narrows the list of data sources (ListMmsDataSources query parameters); every field given must match.',
  fields: (t) => ({
    name: t.string({ description: 'Data source name.' }),
    type: t.field({ type: MmsDataSourceType, description: 'Source kind.' }),
    region: t.string({ description: 'Region ID, e.g. `cn-shanghai`.' }),
  }),
});

export const MmsDataSourceConnection = builder.connectionObject(
  {
    type: MmsDataSource,
    name: 'MmsDataSourceConnection',
    description: 'A page of data sources.',
    fields: (t) => ({
      totalCount: t.int({ description: 'Matching data sources over all pages.', resolve: (connection) => connection.totalCount }),
    }),
  },
  { name: 'MmsDataSourceEdge', description: 'One record of a page, with its cursor.' },
);

/** The account's data sources, filtered, as one listing. */
export function dataSourceListing(
  filter: { name?: string | null; type?: DataSourceType | null; region?: string | null } | null | undefined,
): ListingRequest {
  const query = { name: filter?.name ?? undefined, type: filter?.type ?? undefined, region: filter?.region ?? undefined };
  return { scope: { connection: 'Query.mmsDataSources', query }, params: { path: {}, query } };
}
