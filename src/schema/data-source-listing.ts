import type { DataSourceType } from '../upstream/actions/data-source.js';
import { builder } from './builder.js';
import { MmsDataSourceType } from './data-source-enums.js';
import { inventoryConnection, type ListingRequest } from './listing.js';
import { MmsDataSource } from './refs.js';

export const MmsDataSourceFilter = builder.inputType('MmsDataSourceFilter', {
  description: 'Narrows the list of data sources (ListMmsDataSources query parameters); every field given must match.',
  fields: (t) => ({
    name: t.string({ description: 'Data source name.' }),
    type: t.field({ type: MmsDataSourceType, description: 'Source kind.' }),
    region: t.string({ description: 'Region ID, e.g. `cn-shanghai`.' }),
  }),
});

export const MmsDataSourceConnection = inventoryConnection(MmsDataSource, 'MmsDataSource', 'data sources');

/** The account's data sources, filtered, as one listing. */
export function dataSourceListing(
  filter: { name?: string | null; type?: DataSourceType | null; region?: string | null } | null | undefined,
): ListingRequest {
  const query = { name: filter?.name ?? undefined, type: filter?.type ?? undefined, region: filter?.region ?? undefined };
  return { scope: { connection: 'Query.mmsDataSources', query }, params: { path: {}, query } };
}
