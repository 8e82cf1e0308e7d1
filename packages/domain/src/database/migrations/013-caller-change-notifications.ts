import { Migration } from '@mikro-orm/migrations';

/**
 * The API recognises a caller without a query per request: it keeps the sessions and API tokens
 * it has checked in memory, and forgets one as soon as PostgreSQL says it changed. These triggers
 * say so on channel `caller_change` (payload `session:<id>`, `user:<id>` or `token:<id>`) for
 * every write path, the use cases' and any other; NOTIFY is sent when the transaction commits.
 */
export class CallerChangeNotifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function notify_caller_change() returns trigger language plpgsql as $$
begin
  perform pg_notify('caller_change', tg_argv[0] || ':' || (case when tg_op = 'DELETE' then old.id else new.id end)::text);
  return null;
end $$`);
    this.addSql(`create trigger user_session_caller_change after update or delete on "user_session" for each row execute function notify_caller_change('session')`);
    this.addSql(`create trigger app_user_caller_change after update or delete on "app_user" for each row execute function notify_caller_change('user')`);
    this.addSql(`create trigger api_token_caller_change after update or delete on "api_token" for each row execute function notify_caller_change('token')`);
  }
}
