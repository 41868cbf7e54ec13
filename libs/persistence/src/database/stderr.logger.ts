import { AbstractLogger, LogLevel, LogMessage } from 'typeorm';

/** TypeORM's console loggers write to stdout; CLIs whose stdout is their output use this instead. */
export class StderrLogger extends AbstractLogger {
  protected writeLog(level: LogLevel, message: LogMessage | string | number | (LogMessage | string | number)[]): void {
    for (const line of this.prepareLogMessages(message)) {
      process.stderr.write(`[typeorm] ${line.type ?? level}: ${String(line.message)}\n`);
    }
  }
}
