import type { DynamicModule, InjectionToken, Provider, Type } from '@nestjs/common';

/**
 * A service's HTTP surface as a Nest module: its controllers, and the collaborators the
 * composition root (`<service>-app.ts`) already built, provided by value under their tokens.
 * `providers` is for the few things Nest must build itself (e.g. one needing the METRICS token).
 */
export function httpModule(
  module: Type,
  controllers: Type[],
  values: ReadonlyArray<readonly [InjectionToken, unknown]>,
  providers: Provider[] = [],
): DynamicModule {
  return {
    module,
    controllers,
    providers: [...values.map(([provide, useValue]) => ({ provide, useValue })), ...providers],
  };
}
