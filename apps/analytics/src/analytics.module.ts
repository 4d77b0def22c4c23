import { Module, type DynamicModule } from '@nestjs/common';
import { httpModule } from '@shop/service-kit';
import { DashboardService } from './application/dashboard-service.js';
import { LiveFeed } from './application/live-feed.js';
import { AnalyticsController } from './http/analytics.controller.js';

/** Collaborators the HTTP surface needs, from the composition root (analytics-app.ts). */
export interface AnalyticsModuleDeps {
  dashboards: DashboardService;
  feed: LiveFeed;
}

/** The analytics HTTP surface: the dashboard snapshot, its live stream, a sale's live view. */
@Module({})
export class AnalyticsModule {
  static forRoot(deps: AnalyticsModuleDeps): DynamicModule {
    return httpModule(AnalyticsModule, [AnalyticsController], [
      [DashboardService, deps.dashboards],
      [LiveFeed, deps.feed],
    ]);
  }
}
