import { Controller, Get, Header, Inject } from '@nestjs/common';
import { SearchQuery, SuggestQuery, type SearchResult, type SuggestResult } from '@shop/contracts';
import { ZodQuery } from '@shop/service-kit';
import { SearchService } from '../application/search-service.js';

/** Shoppers' search (public): answers may be cached briefly (stock and prices move within seconds). */
@Controller('api/search')
export class SearchController {
  constructor(@Inject(SearchService) private readonly searches: SearchService) {}

  @Get()
  @Header('cache-control', 'public, max-age=5')
  search(@ZodQuery(SearchQuery) query: SearchQuery): Promise<SearchResult> {
    return this.searches.search(query);
  }

  @Get('suggest')
  @Header('cache-control', 'public, max-age=30')
  suggest(@ZodQuery(SuggestQuery) query: SuggestQuery): Promise<SuggestResult> {
    return this.searches.suggest(query);
  }
}
