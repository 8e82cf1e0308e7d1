import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

export interface LoggerOptions {
  level: LogLevel;
  /** Where the JSON lines go; standard output unless given (tests capture them). */
  destination?: DestinationStream;
}

/** One JSON object per line: level as a word, time as ISO 8601, errors with their stack. */
export function createLogger({ level, destination }: LoggerOptions): Logger {
  const options = {
    level,
    base: { service: 'clinic-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    serializers: { err: pino.stdSerializers.err },
  };
  // Synchronous writes: the process exits right after its last lines (`stopped`, a fatal
  // error), and pino's default asynchronous stdout can reorder or lose those on a pipe.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: true }));
}

/**
 * Node prints process warnings (a library's deprecation notice, such as pg's) as plain text on
 * standard error; they become JSON lines of this logger instead.
 */
export function routeProcessWarnings(logger: Logger): void {
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    logger.warn({ component: 'node', warning: { name: warning.name, message: warning.message, code: (warning as { code?: unknown }).code } }, warning.message);
  });
}

/** For `openDatabase({ onDriverLog })`: the database driver's own messages as JSON lines. */
export function driverLogTo(logger: Logger) {
  const log = logger.child({ component: 'database-driver' });
  return (level: 'warn' | 'error' | 'debug', message: string): void => {
    log[level](message);
  };
}
