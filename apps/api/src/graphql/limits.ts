import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isCompositeType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  GraphQLError,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/**
 * Bounded work per request. Everything here is computed from the parsed documents before any
 * resolver runs; `http/graphql-request-guard.ts` applies it to the whole HTTP request (every
 * operation of a batch shares one budget).
 */

/** Deep enough for every screen (appointment -> purchase -> progress -> appointments -> patient). */
export const MAX_DEPTH = 10;
/**
 * What one HTTP request may cost, summed over its operations. A field costs its own price (1
 * unless `FIELD_COSTS` says more) plus its children; the children of a list count once per
 * item: `first` items where the field takes it, else its size in `LIST_SIZES`, else LIST_SIZE.
 */
export const MAX_COMPLEXITY = 6_000;
/** Operations in one batched HTTP request. */
export const MAX_BATCH = 10;
/** GraphQL tokens in one HTTP request, summed over its operations (the largest screen sends ~300). */
export const MAX_TOKENS = 3_000;
/** `__schema` and `__type` fields in one HTTP request: a tool loads the schema once. */
export const MAX_INTROSPECTION_FIELDS = 1;
/**
 * Fields deep inside `__schema` or `__type` (itself included, `ofType` not): the standard
 * introspection query needs 6; every level more nests the schema's types inside each other.
 */
export const MAX_INTROSPECTION_DEPTH = 7;
/** Items assumed of a list that takes no `first` and has no size of its own below. */
export const LIST_SIZE = 10;

/**
 * A root read runs a use case: a few statements on a pooled connection, tens of milliseconds
 * under load (measured: 90 `appointments(first: 1)` took 2.6 s). At 500, one request holds at
 * most 12 of them, so it stays under a second and leaves connections of the pool to others.
 */
const READ = 500;
/** A scalar leaf below the root: serialising one value. */
const LEAF = 0.1;
/** A use case in a transaction. */
const WRITE = 500;
/** A relation fetched through a request-scoped batch loader: one statement for all items. */
const BATCHED = 2;
/** A statement for every item: not batched. */
const PER_ITEM = 25;

/**
 * What a field runs, keyed `Type.field`; one table for the whole schema (a test checks every key
 * exists). A root query not listed costs READ and a mutation WRITE (each runs a use case); any
 * other field not listed is read from memory and costs 1.
 */
export const FIELD_COSTS: Readonly<Record<string, number>> = {
  'Query.health': 1,
  // The signed-in user, already loaded with the credentials.
  'Query.viewer': 1,
  // A page and its count, in parallel: two connections.
  'Query.appointments': READ * 2,
  'Query.freeSlots': READ * 2,
  'Query.availablePackages': READ,
  'Query.packageProgress': READ,
  'Query.patients': READ,
  'Query.clinics': READ,
  'Query.providers': READ,
  'Query.services': READ,
  'Query.packages': READ,
  'Query.node': READ,
  'Query.cancellationPolicy': READ,
  'Query.apiTokens': READ,
  // Anyone may ask, signed in or not: a few per request at most.
  'Query.installation': 1_000,
  // One statement whatever the range (a read model; read-statements.test.ts counts it), but a heavy
  // one: up to 31 days of a clinic's hours, closures, time off and appointments, then every
  // provider's column cut day by day in memory. Priced as two root reads.
  'Query.clinicCalendar': READ * 2,
  // The whole plan in memory from a constant number of statements, like schedulePackage.
  'Query.previewPackageSchedule': READ * 4,
  'PlannedSession.provider': BATCHED,
  'PlannedSession.service': BATCHED,
  'SlotSuggestion.provider': BATCHED,
  'SlotSuggestion.service': BATCHED,
  // Two statements (the figures, the entries); the entries' purchases through a batch loader.
  'Query.packageLiability': READ * 2,
  'LedgerEntry.packagePurchase': BATCHED,
  // Reading the schema walks types in memory; its lists below are costed like any other.
  'Query.__schema': 50,
  'Query.__type': 50,
  'Mutation.createClinic': WRITE,
  'Mutation.createService': WRITE,
  'Mutation.createProvider': WRITE,
  'Mutation.setWorkingHours': WRITE,
  'Mutation.addTimeOff': WRITE,
  'Mutation.removeTimeOff': WRITE,
  'Mutation.setCancellationPolicy': WRITE,
  'Mutation.createPatient': WRITE,
  'Mutation.updatePatient': WRITE,
  'Mutation.createPackage': WRITE,
  'Mutation.purchasePackage': WRITE,
  'Mutation.payInvoice': WRITE,
  'Mutation.bookAppointment': WRITE,
  'Mutation.setAppointmentStatus': WRITE,
  'Mutation.rescheduleAppointment': WRITE,
  'Mutation.schedulePackage': WRITE * 4,
  // Moving a series: the same planner, a constant number of statements (two batched updates).
  'Mutation.rescheduleSeries': WRITE * 4,
  'Query.previewRescheduleSeries': READ * 4,
  'SeriesSessionMove.provider': BATCHED,
  'Mutation.createApiToken': WRITE,
  'Mutation.revokeApiToken': WRITE,
  // A password hash is slow on purpose (tens of milliseconds of CPU): one per request.
  'Mutation.login': 4_000,
  // Checks the current password and hashes the new one.
  'Mutation.changePassword': 4_000,
  'Appointment.patient': BATCHED,
  'Appointment.provider': BATCHED,
  'Appointment.clinic': BATCHED,
  'Appointment.service': BATCHED,
  'Appointment.packagePurchase': BATCHED,
  'Appointment.history': BATCHED,
  // Reads the tenant's cancellation policy: one statement each time it is asked.
  'Appointment.consequenceOf': PER_ITEM,
  // The purchase's package lines and sessions, through their batch loaders.
  'PackagePurchase.nextSession': BATCHED * 2,
  'AuditEvent.actor': BATCHED,
  'PackagePurchase.patient': BATCHED,
  'PackagePurchase.package': BATCHED,
  'PackagePurchase.invoice': BATCHED,
  'PackagePurchase.sessionsUnscheduled': BATCHED,
  'PackagePurchase.progress': BATCHED,
  'Invoice.patient': BATCHED,
  'Invoice.package': BATCHED,
  'Package.clinic': BATCHED,
  'Package.services': BATCHED,
  'PackageServiceLine.service': BATCHED,
  'Service.clinic': BATCHED,
  'Provider.clinics': BATCHED,
  'Provider.workingHours': BATCHED,
  'Provider.timeOff': PER_ITEM,
  'WorkingHoursRange.clinic': BATCHED,
  'Patient.packagePurchases': BATCHED,
  // A page and its count: two statements for each patient (not batched), like Provider.timeOff's
  // one; a page of 100 patients asking for both exceeds the request's budget.
  'Patient.upcomingAppointments': PER_ITEM * 2,
  'Patient.pastAppointments': PER_ITEM * 2,
  // The latest 50 messages of every patient of the answer in one statement.
  'Patient.messages': BATCHED,
  'PatientMessage.patient': BATCHED,
  'User.provider': BATCHED,
};

/**
 * Items assumed of a list (or a connection) when the query does not say `first`, keyed
 * `Type.field`: the default page size, or what the data holds at most in practice.
 */
export const LIST_SIZES: Readonly<Record<string, number>> = {
  // Connections: the page size (default 20); their edges are counted by it already.
  'Query.appointments': 20,
  'AppointmentConnection.edges': 1,
  'Query.patients': 20,
  'Patient.upcomingAppointments': 20,
  'Patient.pastAppointments': 20,
  'Patient.messages': 50,
  'PackageProgress.appointments': 20,
  'Package.services': 3,
  'Provider.clinics': 3,
  'Appointment.allowedTransitions': 1,
  'Appointment.history': 5,
  // The calendar: a week of a busy clinic (its range is at most 31 days).
  'ClinicCalendar.appointments': 100,
  'ClinicCalendar.days': 7,
  'CalendarProvider.working': 14,
  'CalendarProvider.unavailable': 7,
  // Introspection: the standard query (GraphiQL's, code generators') must fit in one request;
  // nesting introspection lists inside each other multiplies as any list does.
  '__Schema.types': 10,
  '__Schema.directives': 2,
  '__Directive.locations': 1,
  '__Directive.args': 1,
  '__Type.fields': 4,
  '__Type.inputFields': 2,
  '__Type.interfaces': 1,
  '__Type.possibleTypes': 1,
  '__Type.enumValues': 2,
  '__Field.args': 1,
};

/**
 * The longest text each string input may hold, keyed `InputType.field` or `Type.field(argument)`;
 * every other string input holds at most DEFAULT_STRING_LIMIT characters.
 */
export const DEFAULT_STRING_LIMIT = 200;
export const STRING_LIMITS: Readonly<Record<string, number>> = {
  'CreatePackageInput.description': 2_000,
  'SetAppointmentStatusInput.reason': 1_000,
  'AddTimeOffInput.reason': 1_000,
  // Passwords have their own rule (at most 128, in the domain); longer input is refused there.
  'LoginInput.password': 1_024,
  // Emails: RFC 5321's 320.
  'LoginInput.email': 320,
};

export interface RequestCost {
  cost: number;
  /** `__schema` and `__type` fields, as many times as they would run. */
  introspectionFields: number;
}

/** The field path and limit of the first string input that is too long. */
export interface TooLongInput {
  path: string[];
  length: number;
  limit: number;
}

const ZERO: RequestCost = { cost: 0, introspectionFields: 0 };

/**
 * The cost of running `operation`, with its variables already coerced (`getVariableValues`).
 * Fragments are costed once each, so the walk is linear in the document however the fragments
 * nest; a fragment that spreads itself (refused by validation) costs nothing here.
 * Also reports the first string input over its limit.
 */
export function analyseOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): RequestCost & { tooLong: TooLongInput | undefined } {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const fragmentCosts = new Map<string, RequestCost>();
  let tooLong: TooLongInput | undefined;

  const costOfSelections = (parent: GraphQLCompositeType, selectionSet: SelectionSetNode): RequestCost => {
    let cost = 0;
    let introspectionFields = 0;
    for (const selection of selectionSet.selections) {
      let part: RequestCost;
      if (selection.kind === Kind.FIELD) {
        part = costOfField(parent, selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        part = type && isCompositeType(type) ? costOfSelections(type, selection.selectionSet) : ZERO;
      } else {
        part = costOfFragment(selection.name.value);
      }
      cost += part.cost;
      introspectionFields += part.introspectionFields;
    }
    return { cost, introspectionFields };
  };

  const costOfFragment = (name: string): RequestCost => {
    const known = fragmentCosts.get(name);
    if (known) return known;
    fragmentCosts.set(name, ZERO);
    const fragment = fragments.get(name);
    const type = fragment && schema.getType(fragment.typeCondition.name.value);
    const result = fragment && type && isCompositeType(type) ? costOfSelections(type, fragment.selectionSet) : ZERO;
    fragmentCosts.set(name, result);
    return result;
  };

  const costOfField = (parent: GraphQLCompositeType, node: FieldNode): RequestCost => {
    const definition = fieldOf(schema, parent, node.name.value);
    if (!definition) return ZERO;
    const key = `${parent.name}.${definition.name}`;
    let args: Record<string, unknown> = {};
    try {
      args = getArgumentValues(definition, node, variables);
    } catch {
      // An argument that does not fit its type: validation refuses the operation.
    }
    tooLong ??= tooLongArgument(key, definition.args, args, [definition.name]);
    const introspectionFields = definition === SchemaMetaFieldDef || definition === TypeMetaFieldDef ? 1 : 0;
    const own = FIELD_COSTS[key] ?? defaultCostOf(schema, parent, definition, node);
    if (!node.selectionSet) return { cost: own, introspectionFields };
    const childType = getNamedType(definition.type);
    const children = isCompositeType(childType) ? costOfSelections(childType, node.selectionSet) : ZERO;
    const items = itemsOf(key, definition, args);
    return { cost: own + items * children.cost, introspectionFields: introspectionFields + items * children.introspectionFields };
  };

  const rootType = schema.getRootType(operation.operation);
  const total = rootType ? costOfSelections(rootType, operation.selectionSet) : ZERO;
  return { ...total, tooLong };
}

/**
 * A root field runs a use case; a field with a selection reads an object already in memory; a
 * leaf (a scalar, or `__typename`, which clients add to every object) only serialises a value.
 * Leaves cost a tenth, so a page of 100 rows with their type names stays cheap, while thousands
 * of aliased leaves inside a long list still add up (and the token limit caps the aliases).
 */
function defaultCostOf(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType,
  definition: GraphQLField<unknown, unknown>,
  node: FieldNode,
): number {
  if (parent === schema.getQueryType() && definition !== TypeNameMetaFieldDef) return READ;
  if (parent === schema.getMutationType() && definition !== TypeNameMetaFieldDef) return WRITE;
  return node.selectionSet ? 1 : LEAF;
}

function fieldOf(schema: GraphQLSchema, parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === '__typename') return TypeNameMetaFieldDef;
  if (parent === schema.getQueryType()) {
    if (name === '__schema') return SchemaMetaFieldDef;
    if (name === '__type') return TypeMetaFieldDef;
  }
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

function itemsOf(key: string, definition: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number {
  const first = args['first'];
  if (typeof first === 'number' && Number.isFinite(first)) return Math.max(1, first);
  const declared = LIST_SIZES[key];
  if (declared !== undefined) return declared;
  return isListType(getNullableType(definition.type)) ? LIST_SIZE : 1;
}

function tooLongArgument(
  key: string,
  definitions: readonly GraphQLArgument[],
  values: Record<string, unknown>,
  path: string[],
): TooLongInput | undefined {
  for (const argument of definitions) {
    const found = tooLongValue(argument.type, values[argument.name], [...path, argument.name], STRING_LIMITS[`${key}(${argument.name})`]);
    if (found) return found;
  }
  return undefined;
}

function tooLongValue(type: GraphQLInputType, value: unknown, path: string[], declared: number | undefined): TooLongInput | undefined {
  if (value === null || value === undefined) return undefined;
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (typeof value === 'string') {
    const limit = declared ?? DEFAULT_STRING_LIMIT;
    return value.length > limit ? { path, length: value.length, limit } : undefined;
  }
  if (isListType(nullable) && Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = tooLongValue(nullable.ofType, item, [...path, String(index)], declared);
      if (found) return found;
    }
    return undefined;
  }
  if (isInputObjectType(nullable) && typeof value === 'object') {
    for (const field of Object.values(nullable.getFields())) {
      const found = tooLongValue(field.type, (value as Record<string, unknown>)[field.name], [...path, field.name], STRING_LIMITS[`${nullable.name}.${field.name}`]);
      if (found) return found;
    }
  }
  return undefined;
}

/** The operation a request runs: the named one, or the only one. */
export function operationOf(document: DocumentNode, operationName: unknown): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (typeof operationName === 'string' && operationName) return operations.find((operation) => operation.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

/** Variables coerced to their types, or undefined when they do not fit (the server answers that with a 400 of its own). */
export function coercedVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: unknown): Record<string, unknown> | undefined {
  const given = variables === undefined || variables === null ? {} : variables;
  if (typeof given !== 'object' || Array.isArray(given)) return undefined;
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], given as Record<string, unknown>);
  return result.errors ? undefined : result.coerced;
}

/**
 * A validation rule: refuses operations nested deeper than `max` fields. Introspection counts
 * like any field; only `__typename` (a leaf) and `ofType` (a chain as long as a type's
 * wrappers, not a list) add nothing. Each fragment's depth is measured once.
 */
export function depthLimit(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const fragmentDepths = new Map<string, number>();
    let introspectionDepth = 0;
    const depthOf = (selectionSet: SelectionSetNode | undefined): number => {
      if (!selectionSet) return 0;
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          const name = selection.name.value;
          if (name === '__typename') continue;
          const depth = (name === 'ofType' ? 0 : 1) + depthOf(selection.selectionSet);
          if (name === '__schema' || name === '__type') introspectionDepth = Math.max(introspectionDepth, depth);
          deepest = Math.max(deepest, depth);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet));
        } else {
          const name = selection.name.value;
          let depth = fragmentDepths.get(name);
          if (depth === undefined) {
            // A cycle (refused by validation anyway) counts nothing on its way back.
            fragmentDepths.set(name, 0);
            depth = depthOf(fragments.get(name)?.selectionSet);
            fragmentDepths.set(name, depth);
          }
          deepest = Math.max(deepest, depth);
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(operation) {
        introspectionDepth = 0;
        const depth = depthOf(operation.selectionSet);
        if (introspectionDepth > MAX_INTROSPECTION_DEPTH) {
          context.reportError(
            new GraphQLError(`The operation reads the schema ${introspectionDepth} fields deep; at most ${MAX_INTROSPECTION_DEPTH} are allowed.`, {
              nodes: [operation],
              extensions: { code: 'QUERY_TOO_COMPLEX' },
            }),
          );
        }
        if (depth > max) {
          context.reportError(
            new GraphQLError(`The operation is ${depth} fields deep; at most ${max} are allowed.`, {
              nodes: [operation],
              extensions: { code: 'QUERY_TOO_COMPLEX' },
            }),
          );
        }
      },
    };
  };
}

/** A NUL or another control character other than tab, line feed and carriage return; or DEL. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** The path of the first string inside `value` (keys included) holding a control character. */
export function controlCharacterIn(value: unknown, path: string[] = []): string[] | undefined {
  if (typeof value === 'string') return CONTROL_CHARACTER.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = controlCharacterIn(item, [...path, String(index)]);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (CONTROL_CHARACTER.test(key)) return [...path, key];
      const found = controlCharacterIn(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}
