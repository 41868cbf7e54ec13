import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthIndicatorFunction } from '@nestjs/terminus';

export const HEALTH_INDICATORS = Symbol('webbyflow:health-indicators');

/** `GET /healthz`: 200 when every dependency of the service answers, 503 otherwise (k8s probes). */
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    @Inject(HEALTH_INDICATORS) private readonly indicators: HealthIndicatorFunction[],
  ) {}

  @Get('healthz')
  @HealthCheck()
  check() {
    return this.health.check(this.indicators);
  }
}
