import { DatabaseSchema, type MikroORM } from '@mikro-orm/postgresql';

/**
 * Foreign keys that MikroORM's metadata cannot express: composite keys over
 * (tenant_id, x_id) that keep every reference inside its tenant. They are written by hand in
 * the migrations and named `*_tenant_fk`; the schema diff must leave them alone.
 */
export const HAND_WRITTEN_FOREIGN_KEY = /_tenant_fk$/;

/**
 * The SQL that would bring the database to the entities' shape. Empty means the committed
 * migrations are complete.
 */
export async function pendingSchemaSql(orm: MikroORM): Promise<string> {
  const platform = orm.em.getPlatform();
  // Tables the entities do not own (`schemaGenerator.skipTables`) are left out, as MikroORM's own diff does.
  const { skipTables } = orm.config.get('schemaGenerator');
  const fromSchema = await DatabaseSchema.create(orm.em.getConnection(), platform, orm.config, undefined, undefined, undefined, skipTables);
  for (const table of fromSchema.getTables()) {
    const foreignKeys = table.getForeignKeys();
    for (const name of Object.keys(foreignKeys)) {
      if (HAND_WRITTEN_FOREIGN_KEY.test(name)) delete foreignKeys[name];
    }
  }
  const sql = await orm.schema.getUpdateSchemaSQL({ fromSchema, wrap: false, safe: false });
  return sql.trim();
}
