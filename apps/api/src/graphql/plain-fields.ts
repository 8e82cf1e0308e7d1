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

type Resolve = (source: unknown, args: unknown, context: unknown, info: unknown) => unknown;

/**
 * type-graphql runs a `@FieldResolver` method through a handler of its own: per field and per
 * object it builds the resolver's data, looks the resolver class's instance up, sorts and maps the
 * parameters' metadata and runs the (empty) middleware chain. A method whose parameters are only
 * `@Root()` (the whole object, untyped), `@Ctx()` (the whole context) and `@Info()`, with no
 * middleware and no authorization, is here called straight with them instead, once the schema is
 * built. The global ids, the relations and the counts of every answer go through these. A method
 * with an `@Arg` (validated, converted by type-graphql), a middleware or roles keeps type-graphql's
 * resolver. Answers the number of fields changed.
 */
export function callFieldResolversDirectly(schema: GraphQLSchema): number {
  const storage = getMetadataStorage();
  const instances = new Map<unknown, Record<string, (...args: unknown[]) => unknown>>();
  let changed = 0;
  for (const resolver of storage.fieldResolvers) {
    if (resolver.kind !== 'external' || (resolver.middlewares?.length ?? 0) > 0 || resolver.roles !== undefined) continue;
    const params = [...(resolver.params ?? [])].sort((a, b) => a.index - b.index);
    const plain = params.every(
      (param, index) =>
        param.index === index &&
        ((param.kind === 'root' && param.propertyName === undefined && param.getType === undefined) ||
          (param.kind === 'context' && param.propertyName === undefined) ||
          param.kind === 'info'),
    );
    if (!plain) continue;
    const target = resolver.getObjectType?.();
    const typeName = storage.objectTypes.find((objectType) => objectType.target === target)?.name;
    const type = typeName === undefined ? undefined : schema.getType(typeName);
    if (!isObjectType(type)) continue;
    const served = type.getFields()[resolver.schemaName];
    if (!served?.resolve) continue;
    let instance = instances.get(resolver.target);
    if (!instance) {
      // type-graphql's default container: one instance of each resolver class, made without arguments.
      instance = new (resolver.target as new () => Record<string, (...args: unknown[]) => unknown>)();
      instances.set(resolver.target, instance);
    }
    const self = instance;
    const method = self[resolver.methodName];
    if (typeof method !== 'function') continue;
    const kinds = params.map((param) => param.kind).join(',');
    let resolve: Resolve;
    if (kinds === 'root') resolve = (source) => method.call(self, source);
    else if (kinds === 'root,context') resolve = (source, _args, context) => method.call(self, source, context);
    else {
      const pick = params.map((param) => param.kind);
      resolve = (source, _args, context, info) => method.apply(self, pick.map((kind) => (kind === 'root' ? source : kind === 'context' ? context : info)));
    }
    served.resolve = resolve;
    changed += 1;
  }
  return changed;
}
