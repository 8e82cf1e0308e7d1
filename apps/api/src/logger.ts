import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

export interface LoggerOptions {
  level: LogLevel;
  /** Where the JSON lines go; standard output unless given (tests capture them). */
  destination?: DestinationStream;
}

/** pino's number for `error`: lines at this level or above are written out before the call returns. */
const ERROR_LEVEL = 50;

/** One JSON object per line: level as a word, time as ISO 8601, errors with their stack. */
export function createLogger({ level, destination }: LoggerOptions): Logger {
  // Standard output written asynchronously (sonic-boom): a request's line costs no blocking
  // write of its own, and lines that come while one write is under way go out together. What
  // must not be lost is still written synchronously: an error or fatal line is flushed before
  // the call returns (the process may exit right after it), and pino flushes whatever is left
  // when the process exits (process.exit included), so the last lines (`stopped`) are kept.
  const stdout = destination ? undefined : pino.destination({ dest: 1, sync: false });
  const options = {
    level,
    base: { service: 'clinic-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    serializers: { err: pino.stdSerializers.err },
    ...(stdout
      ? {
          hooks: {
            logMethod(this: Logger, args: Parameters<Logger['info']>, method: Logger['info'], levelNumber: number) {
              method.apply(this, args);
              if (levelNumber < ERROR_LEVEL) return;
              try {
                stdout.flushSync();
              } catch {
                // Not writable now (a closed pipe): logging never throws; the line stays queued.
              }
            },
          },
        }
      : {}),
  };
  return pino(options, destination ?? stdout);
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
