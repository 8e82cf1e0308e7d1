import { isObjectType, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

/**
 * type-graphql gives every field of an object type a resolver of its own, even a plain `@Field()`
 * property: per field and per object it builds the resolver's data and runs the (empty) middleware
 * chain before reading the property. A field with no field resolver, no middleware and no
 * authorization only reads `source[property]`, so it gets exactly that as its resolver here,
 * once, after the schema is built. Anything type-graphql would do more for a field (a
 * `@FieldResolver`, `@UseMiddleware`, `@Authorized`, a field it inherits or takes from an
 * interface) keeps type-graphql's resolver. Answers the number of fields changed.
 */
export function readPlainFieldsDirectly(schema: GraphQLSchema): number {
  const storage = getMetadataStorage();
  // Field resolvers by the class they resolve for (any kind: internal ones included).
  const resolved = new Map<unknown, Set<string>>();
  for (const resolver of storage.fieldResolvers) {
    const target = resolver.getObjectType?.();
    const names = resolved.get(target) ?? new Set<string>();
    names.add(resolver.methodName);
    resolved.set(target, names);
  }
  let changed = 0;
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    const fields = type.getFields();
    for (const field of objectType.fields ?? []) {
      if (field.target !== objectType.target) continue;
      if (resolved.get(field.target)?.has(field.name)) continue;
      if ((field.middlewares?.length ?? 0) > 0 || field.roles !== undefined) continue;
      const served = fields[field.schemaName];
      if (!served?.resolve) continue;
      const property = field.name;
      served.resolve = (source: Record<string, unknown>) => source[property];
      changed += 1;
    }
  }
  return changed;
}
