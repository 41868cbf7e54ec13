import { Injectable } from '@nestjs/common';
import type { Envelope } from '@webbyflow/contracts';
import { OnAnyEvent } from '@webbyflow/messaging';
import { EventLogService } from '@webbyflow/orchestration';

/** Records every event of every run, from any service, for `GET /v1/tasks/:id/events`. */
@Injectable()
export class EventLogConsumer {
  constructor(private readonly log: EventLogService) {}

  @OnAnyEvent()
  record(message: Envelope) {
    return this.log.record(message);
  }
}
