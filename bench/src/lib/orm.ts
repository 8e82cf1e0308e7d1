import 'reflect-metadata';
import { DefaultLogger, type LogContext, type LoggerOptions } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '@clinic/domain';

/**
 * The ORM exactly as the server configures it (`ormConfig`), with one change: its query logger
 * keeps every statement as PostgreSQL receives it. MikroORM inlines the parameters into the SQL
 * text before sending it (`platform.formatQuery`, then `knex.raw`), and with 'query-params' the
 * logger sees that same text, so a replay through `pg` sends PostgreSQL the very same statements.
 */
export interface CapturingOrm {
  readonly orm: MikroORM;
  /** Statements since the last reset, in the order they were sent (transactions included). */
  readonly statements: string[];
  reset(): void;
  /** Same probe as the domain's `Database.isReachable`. */
  isReachable(): Promise<boolean>;
}

class CapturingLogger extends DefaultLogger {
  constructor(
    options: LoggerOptions,
    private readonly sink: (sql: string) => void,
  ) {
    super(options);
  }

  override logQuery(context: LogContext): void {
    if (context.level !== 'error' && typeof context.query === 'string') this.sink(context.query);
  }
}

export async function openCapturingOrm(clientUrl: string, poolSize?: number): Promise<CapturingOrm> {
  const statements: string[] = [];
  const base = ormConfig({ clientUrl, ...(poolSize ? { poolSize } : {}), onQuery: () => undefined });
  const orm = await MikroORM.init({
    ...base,
    debug: ['query', 'query-params'],
    loggerFactory: (options) => new CapturingLogger(options, (sql) => statements.push(sql)),
  });
  return {
    orm,
    statements,
    reset: () => {
      statements.length = 0;
    },
    async isReachable() {
      try {
        await orm.em.getConnection().execute('select 1');
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** begin / commit / rollback / savepoints: the transaction's own statements. */
export function isTransactionControl(sql: string): boolean {
  return /^(begin|commit|rollback|savepoint|release savepoint|start transaction)\b/i.test(sql.trim());
}
