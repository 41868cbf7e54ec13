import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { HealthIndicatorService, TerminusModule, type HealthIndicatorFunction } from '@nestjs/terminus';
import { HEALTH_INDICATORS, HealthController } from './health.controller';

export interface HealthCheckDefinition {
  inject?: Array<string | symbol | (abstract new (...args: never[]) => unknown)>;
  /** Builds the indicators from injected dependencies, e.g. NATS connection status, DB ping. */
  useFactory: (indicator: HealthIndicatorService, ...deps: never[]) => HealthIndicatorFunction[];
}

@Module({})
export class HealthModule {
  static forRoot(definition: HealthCheckDefinition): DynamicModule {
    const indicators: Provider = {
      provide: HEALTH_INDICATORS,
      inject: [HealthIndicatorService, ...(definition.inject ?? [])],
      useFactory: definition.useFactory as (...args: unknown[]) => HealthIndicatorFunction[],
    };
    return {
      module: HealthModule,
      imports: [TerminusModule],
      controllers: [HealthController],
      providers: [indicators],
    };
  }
}
