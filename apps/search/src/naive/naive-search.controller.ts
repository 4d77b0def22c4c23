import { Controller, Get, Inject } from '@nestjs/common';
import { SearchQuery, type SearchResult } from '@shop/contracts';
import { validationFailed, ZodQuery } from '@shop/service-kit';
import { NaiveSearch } from './naive-search.js';

/**
 * `GET /api/search/naive`: the benchmark's baseline (public like `GET /api/search`), mounted only
 * when SEARCH_NAIVE_BASELINE=true (npm run bench:search); never on in a shop.
 */
@Controller('api/search/naive')
export class NaiveSearchController {
  constructor(@Inject(NaiveSearch) private readonly naive: NaiveSearch) {}

  @Get()
  search(@ZodQuery(SearchQuery) query: SearchQuery): Promise<SearchResult> {
    if (query.cursor !== undefined) throw validationFailed([{ field: 'cursor', reason: 'the naive baseline has no cursor' }]);
    return this.naive.search(query);
  }
}
