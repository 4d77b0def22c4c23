import { createLogger } from '@shop/observability';
import { bootstrapService, type RunningService } from '@shop/service-kit';
import type { GatewayConfig } from './config.js';
import { GatewayModule } from './gateway.module.js';
import { createUpstreams } from './routing/upstreams.js';

/** Starts the gateway: the one public entry, forwarding each route to its service. */
export async function startGateway(config: GatewayConfig, options: { handleSignals?: boolean } = {}): Promise<RunningService> {
  const upstreams = createUpstreams(config);
  return bootstrapService({
    name: 'gateway',
    module: GatewayModule.forRoot(upstreams),
    port: config.port,
    host: config.host,
    logger: createLogger({ service: 'gateway' }),
    handleSignals: options.handleSignals ?? true,
    onShutdown: async () => {
      await Promise.all(Object.values(upstreams).map((u) => u.close()));
    },
  });
}
