import { Module, type DynamicModule } from '@nestjs/common';
import { ProxyController } from './http/proxy.controller.js';
import { UPSTREAMS, type Upstreams } from './routing/upstreams.js';

@Module({})
export class GatewayModule {
  static forRoot(upstreams: Upstreams): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [ProxyController],
      providers: [{ provide: UPSTREAMS, useValue: upstreams }],
    };
  }
}
