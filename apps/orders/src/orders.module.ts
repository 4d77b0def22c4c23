import { Module, type DynamicModule } from '@nestjs/common';
import type { Clock } from '@shop/contracts';
import type { Metrics } from '@shop/observability';
import type { PrismaClient } from '@shop/persistence';
import { httpModule, METRICS } from '@shop/service-kit';
import { OrderService, type OrderServiceOptions } from './application/order-service.js';
import { AdminOrdersController } from './http/admin-orders.controller.js';
import { CustomerOrdersController } from './http/customer-orders.controller.js';
import { InternalOrdersController } from './http/internal-orders.controller.js';
import { OrderLookupController } from './http/order-lookup.controller.js';
import { createOrdersMetrics } from './orders-metrics.js';
import type { OrderStore } from './application/order-store.js';

export interface OrdersModuleDeps {
  prisma: PrismaClient;
  repository: OrderStore;
  clock: Clock;
  options: OrderServiceOptions;
}

/** The orders HTTP surface; its collaborators come from the composition root (orders-app.ts). */
@Module({})
export class OrdersModule {
  static forRoot(deps: OrdersModuleDeps): DynamicModule {
    // The metrics registry belongs to the running service, so the use cases are built here.
    const orderService = (metrics: Metrics) => new OrderService(deps.prisma, deps.repository, deps.clock, deps.options, createOrdersMetrics(metrics.registry));
    const controllers = [OrderLookupController, CustomerOrdersController, AdminOrdersController, InternalOrdersController];
    return httpModule(OrdersModule, controllers, [], [{ provide: OrderService, useFactory: orderService, inject: [METRICS] }]);
  }
}
