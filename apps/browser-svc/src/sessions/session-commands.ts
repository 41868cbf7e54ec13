import { Injectable } from '@nestjs/common';
import type { ActionResultV1 } from '@webbyflow/contracts';
import type { PageCapture } from '../pages/page-capture.service';
import { CommandRecord } from './command-record';

/**
 * How long a handler keeps re-publishing its result while NATS is away; the consumer's heartbeats keep
 * the command in progress meanwhile, so it is not redelivered and run again.
 */
export const RESULT_PUBLISH_RETRY_MS = 60_000;

/** Command ids remembered per session; a step's actions and scrapes are far fewer. */
const COMMANDS_PER_SESSION = 256;
/** Records kept for sessions closed without a close_session (lost, never closed by the run). */
const SESSIONS_REMEMBERED = 1024;

/** What the commands of one run's session did, by envelope id. */
export interface SessionCommandRecords {
  actions: CommandRecord<ActionResultV1>;
  scrapes: CommandRecord<PageCapture>;
}

/**
 * The command records of each run held by this process (issue 6): a redelivered execute_action or
 * scrape_page is answered from here instead of acting on the page again. Dropped when the session is
 * closed; the least recently used runs are forgotten past a cap.
 */
@Injectable()
export class SessionCommands {
  private readonly records = new Map<string, SessionCommandRecords>();

  /** The run's records, if this process has any. */
  find(taskId: string): SessionCommandRecords | undefined {
    return this.records.get(taskId);
  }

  /** The run's records, made on first use; marks the run as recently used. */
  of(taskId: string): SessionCommandRecords {
    let records = this.records.get(taskId);
    if (records) {
      this.records.delete(taskId);
    } else {
      records = { actions: new CommandRecord(COMMANDS_PER_SESSION), scrapes: new CommandRecord(COMMANDS_PER_SESSION) };
    }
    this.records.set(taskId, records);
    while (this.records.size > SESSIONS_REMEMBERED) {
      const oldest = this.records.keys().next().value;
      if (oldest === undefined) break;
      this.records.delete(oldest);
    }
    return records;
  }

  forget(taskId: string): void {
    this.records.delete(taskId);
  }
}
