import { Module, type DynamicModule } from '@nestjs/common';
import { InventoryService } from './application/inventory-service.js';
import { INVENTORY_CONFIG, type InventoryConfig } from './config.js';
import { AdminInventoryController } from './http/admin-inventory.controller.js';
import { HotRoutes, NAIVE_RESERVATIONS } from './http/hot-routes.js';
import { InternalInventoryController } from './http/internal.controller.js';
import { InternalStockController } from './http/internal-stock.controller.js';
import { ReservationsController } from './http/reservations.controller.js';
import { SaleConfigController, SaleLimitReadController } from './http/sale-config.controller.js';
import type { NaiveReservations } from './naive/naive-reservations.js';
import { PartitionStore } from './adapters/partition-store.js';

export interface InventoryModuleDeps {
  inventory: InventoryService;
  store: PartitionStore;
  naive: NaiveReservations | null;
  config: InventoryConfig;
}

/** The inventory's HTTP surface; its collaborators are built by the composition root (inventory-app.ts). */
@Module({})
export class InventoryModule {
  static forRoot(deps: InventoryModuleDeps): DynamicModule {
    return {
      module: InventoryModule,
      controllers: [ReservationsController, AdminInventoryController, SaleConfigController, SaleLimitReadController, InternalInventoryController, InternalStockController],
      providers: [
        HotRoutes,
        { provide: InventoryService, useValue: deps.inventory },
        { provide: PartitionStore, useValue: deps.store },
        { provide: NAIVE_RESERVATIONS, useValue: deps.naive },
        { provide: INVENTORY_CONFIG, useValue: deps.config },
      ],
    };
  }
}
