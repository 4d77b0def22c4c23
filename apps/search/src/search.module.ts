import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { httpModule } from '@shop/service-kit';
import { Reindexer } from './application/reindexer.js';
import { SearchService } from './application/search-service.js';
import { AdminReindexController } from './http/admin-reindex.controller.js';
import { SearchController } from './http/search.controller.js';
import { NaiveSearchController } from './naive/naive-search.controller.js';
import { NaiveSearch } from './naive/naive-search.js';

/** Collaborators the HTTP surface needs, from the composition root (search-app.ts). */
export interface SearchModuleDeps {
  searches: SearchService;
  reindexer: Reindexer;
  /** The benchmark's baseline (SEARCH_NAIVE_BASELINE=true only). */
  naive?: NaiveSearch | undefined;
}

/** The search HTTP surface: shoppers' search and suggest, the admin reindex. */
@Module({})
export class SearchModule {
  static forRoot(deps: SearchModuleDeps): DynamicModule {
    const controllers: Type[] = [SearchController, AdminReindexController];
    const values: [Type, unknown][] = [
      [SearchService, deps.searches],
      [Reindexer, deps.reindexer],
    ];
    if (deps.naive) {
      controllers.push(NaiveSearchController);
      values.push([NaiveSearch, deps.naive]);
    }
    return httpModule(SearchModule, controllers, values);
  }
}
