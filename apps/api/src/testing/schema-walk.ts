import {
  getNamedType,
  getNullableType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isEnumType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { GraphqlClient } from './graphql-client.js';

/**
 * Walks the served schema as one caller: every root query field (paging through lists, and with
 * every candidate id wherever an id goes) and `node` for every candidate id, each with a selection
 * generated from the schema that asks for every field of every object type it meets. A new type or
 * field is walked without a change here. What comes back is gathered by `__typename` and id.
 */

type Composite = GraphQLObjectType | GraphQLInterfaceType;

/** A selection: each field with its own selection, or null for a leaf. */
export interface Tree {
  fields: Array<[string, Tree | null]>;
}

/**
 * How the walk asks for a field: its name, with its required arguments when it can fill them
 * (an enum: its first value, e.g. `consequenceOf(status: BOOKED)`); null when it cannot.
 */
function callOf(field: GraphQLField<unknown, unknown>): string | null {
  const required = field.args.filter((arg) => isNonNullType(arg.type));
  if (required.length === 0) return field.name;
  const values = required.map((arg) => {
    const named = getNamedType(arg.type);
    return isEnumType(named) ? `${arg.name}: ${named.getValues()[0]?.name}` : null;
  });
  return values.every((value) => value !== null) ? `${field.name}(${values.join(', ')})` : null;
}

export function printTree(tree: Tree): string {
  return `{ __typename ${tree.fields.map(([name, inner]) => (inner ? `${name} ${printTree(inner)}` : name)).join(' ')} }`;
}

/**
 * Smaller selections that together ask for the same fields: one per object field (each with the
 * leaves); a single object field is split inside. A tree of leaves only cannot be split.
 */
export function splitTree(tree: Tree): Tree[] {
  const leaves = tree.fields.filter(([, inner]) => inner === null);
  const objects = tree.fields.filter(([, inner]) => inner !== null) as Array<[string, Tree]>;
  if (objects.length === 0) return [tree];
  if (objects.length > 1) return objects.map((object) => ({ fields: [...leaves, object] }));
  const [name, inner] = objects[0]!;
  const pieces = splitTree(inner);
  if (pieces.length === 1 && pieces[0] === inner) return [tree];
  return pieces.map((piece) => ({ fields: [...leaves, [name, piece]] }));
}

/** What one caller reached: the uuids of every node type, the users with the e-mail shown, the errors. */
export interface Reach {
  ids: Map<string, Set<string>>;
  users: Array<{ id: string; email: unknown }>;
  errors: Array<{ code: unknown; path: string; message: string }>;
  /** Every answer's body, for text checks (e.g. no e-mail address anywhere). */
  texts: string[];
}

export function emptyReach(): Reach {
  return { ids: new Map(), users: [], errors: [], texts: [] };
}

export function uuidOfGlobalId(globalId: string): string {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1);
}

export function globalId(type: string, uuid: string): string {
  return Buffer.from(`${type}:${uuid}`).toString('base64url');
}

/** The node type an ID argument or input field names: `patientId` -> Patient, `packagePurchaseId` -> PackagePurchase. */
export function typeOfIdSlot(name: string): string | null {
  const match = /^(\w+)Id$/.exec(name);
  return match ? match[1]!.charAt(0).toUpperCase() + match[1]!.slice(1) : null;
}

export class SchemaWalk {
  readonly nodeTypes: Set<string>;
  /** `Type.field` of every field some generated selection asked for. */
  readonly requested = new Set<string>();

  constructor(readonly schema: GraphQLSchema) {
    const node = schema.getType('Node');
    this.nodeTypes = new Set(node && isInterfaceType(node) ? schema.getPossibleTypes(node).map((type) => type.name) : []);
  }

  private isNode(type: Composite): boolean {
    return this.nodeTypes.has(type.name) || type.name === 'Node';
  }

  /** Every object field reachable from Query (introspection aside), as `Type.field`. */
  reachableFields(): Set<string> {
    const fields = new Set<string>();
    const seen = new Set<string>();
    const visit = (type: Composite) => {
      if (seen.has(type.name)) return;
      seen.add(type.name);
      const concrete = isInterfaceType(type) ? this.schema.getPossibleTypes(type) : [type];
      for (const object of concrete) {
        if (object !== type) visit(object);
        else
          for (const field of Object.values(object.getFields()) as Array<GraphQLField<unknown, unknown>>) {
            if (object.name !== this.schema.getQueryType()?.name) fields.add(`${object.name}.${field.name}`);
            const named = getNamedType(field.type);
            if (isObjectType(named) || isInterfaceType(named)) visit(named);
          }
      }
    };
    visit(this.schema.getQueryType()!);
    return fields;
  }

  /** The leaves of a type (and its `id`), which is where data shows: names, phones, e-mails. */
  private leaves(type: GraphQLObjectType): Tree {
    const fields: Tree['fields'] = [];
    for (const field of Object.values(type.getFields())) {
      if (field.args.some((arg) => isNonNullType(arg.type)) || !isLeafType(getNamedType(field.type))) continue;
      this.requested.add(`${type.name}.${field.name}`);
      fields.push([field.name, null]);
    }
    return { fields };
  }

  /**
   * Every field of `type`. Objects that are not nodes are expanded whole; a node below costs one
   * hop, and past the last hop only its leaves are asked for (the walk reaches it again by `node`).
   */
  tree(type: GraphQLObjectType, hops: number): Tree {
    const fields: Tree['fields'] = [];
    for (const field of Object.values(type.getFields()) as Array<GraphQLField<unknown, unknown>>) {
      const call = callOf(field);
      if (!call) continue;
      this.requested.add(`${type.name}.${field.name}`);
      const named = getNamedType(field.type);
      if (isLeafType(named)) fields.push([call, null]);
      else if (isObjectType(named)) {
        fields.push([call, this.isNode(named) ? (hops > 0 ? this.tree(named, hops - 1) : this.leaves(named)) : this.tree(named, hops)]);
      } else throw new Error(`${type.name}.${field.name}: the walk does not expand an interface or union below the root`);
    }
    return { fields };
  }

  selection(type: Composite, hops: number): string {
    if (!isObjectType(type)) throw new Error(`${type.name} is not an object type`);
    return printTree(this.tree(type, hops));
  }
  /** Gathers the nodes, users and errors of one answer. */
  static scan(reach: Reach, answer: { text: string; data?: unknown; errors?: ReadonlyArray<{ message: string; path?: ReadonlyArray<string | number>; extensions?: Record<string, unknown> }> | undefined }) {
    reach.texts.push(answer.text);
    for (const error of answer.errors ?? []) reach.errors.push({ code: error.extensions?.['code'], path: (error.path ?? []).join('.'), message: error.message });
    const visit = (value: unknown) => {
      if (Array.isArray(value)) return value.forEach(visit);
      if (!value || typeof value !== 'object') return;
      const object = value as Record<string, unknown>;
      const type = object['__typename'];
      if (typeof type === 'string' && typeof object['id'] === 'string') {
        const uuid = uuidOfGlobalId(object['id']);
        let set = reach.ids.get(type);
        if (!set) reach.ids.set(type, (set = new Set()));
        set.add(uuid);
        if (type === 'User' && 'email' in object) reach.users.push({ id: uuid, email: object['email'] });
      }
      Object.values(object).forEach(visit);
    };
    visit(answer.data);
  }

  /**
   * Walks every root query field and `node` as `client`. `candidates` are the global ids to try
   * with `node`, by node type: every row, so `node` is walked with each. `slotIds` (default: the
   * same) are the ids to try wherever a root field takes an id (a filter, a `patientId`); a sample
   * there keeps the walk's length from growing with the data. `date` fills required dates.
   */
  async walk(
    client: GraphqlClient,
    candidates: Map<string, string[]>,
    options: { hops?: number; date?: string; slotIds?: Map<string, string[]> } = {},
  ): Promise<Reach> {
    const reach = emptyReach();
    const hops = options.hops ?? 1;
    const query = this.schema.getQueryType()!;
    const slotIds = options.slotIds ?? candidates;
    const allIds = [...slotIds.values()].flat();
    /**
     * Runs a selection; one the cost limit refuses is split into smaller operations that together
     * ask for the same fields (the walk must fit whatever limit the server sets). Every answer.
     */
    const tooCostly = new Set<string>();
    const runTree = async (document: (selection: string) => string, tree: Tree | null, variables: Record<string, unknown>, lighter?: Tree) => {
      const answers: Array<Awaited<ReturnType<GraphqlClient['request']>>> = [];
      const refusals: Array<Awaited<ReturnType<GraphqlClient['request']>>> = [];
      const attempt = async (piece: Tree | null) => {
        const text = document(piece ? printTree(piece) : '');
        if (piece && tooCostly.has(text)) {
          const pieces = splitTree(piece);
          if (pieces.length > 1 || pieces[0] !== piece) {
            for (const smaller of pieces) await attempt(smaller);
            return;
          }
        }
        const answer = await client.request(text, variables);
        const refused = answer.errors?.some((error) => error.extensions?.['code'] === 'QUERY_TOO_COMPLEX');
        if (refused && piece) {
          const pieces = splitTree(piece);
          if (pieces.length > 1 || pieces[0] !== piece) {
            tooCostly.add(text);
            for (const smaller of pieces) await attempt(smaller);
            return;
          }
        }
        if (refused) refusals.push(answer);
        else {
          SchemaWalk.scan(reach, answer);
          answers.push(answer);
        }
      };
      await attempt(tree);
      // A piece that cannot be split and still costs too much: the same root one hop shallower
      // (its deeper nodes are walked by `node`); with none, the refusal counts against the walk.
      if (refusals.length && lighter) return runTree(document, lighter, variables);
      for (const refusal of refusals) SchemaWalk.scan(reach, refusal);
      return answers;
    };
    // `node`, type by type: one selection with the fragments of every type would not validate
    // (the same field name has different types in different node types).
    for (const [type, ids] of candidates) {
      const object = this.schema.getType(type);
      if (!object || !isObjectType(object)) throw new Error(`${type} is not an object type`);
      const tree = this.tree(object, hops);
      const document = (selection: string) => `query WalkNode($id: ID!) { node(id: $id) { __typename ... on ${type} ${selection} } }`;
      for (const id of ids) {
        // Most ids answer null for a given caller: a cheap look first.
        const look = await client.request<{ node: unknown }>(document('{ __typename id }'), { id });
        SchemaWalk.scan(reach, look);
        if (look.data?.node) await runTree(document, tree, { id });
      }
    }
    for (const field of Object.values(query.getFields()) as Array<GraphQLField<unknown, unknown>>) {
      if (field.name === 'node') continue;
      const named = getNamedType(field.type) as Composite;
      // A list of nodes takes one hop fewer than `node` (it answers up to 10 at a time); other
      // objects (a connection, progress) hold their nodes one level down.
      const depth = this.isNode(named) ? hops - 1 : hops;
      if (!isLeafType(named) && !isObjectType(named)) throw new Error(`Query.${field.name}: the walk expands object types only`);
      const tree = isObjectType(named) ? this.tree(named, depth) : null;
      const lighter = isObjectType(named) && depth > 0 ? this.tree(named, depth - 1) : undefined;
      // The ID slots: arguments, and ID fields of input arguments (e.g. filter.patientId).
      const slots: Array<{ path: string[]; type: string | null; required: boolean }> = [];
      const base: Record<string, unknown> = {};
      for (const arg of field.args) {
        const argType = getNamedType(arg.type);
        if (argType.name === 'ID') slots.push({ path: [arg.name], type: arg.name === 'id' ? null : typeOfIdSlot(arg.name), required: isNonNullType(arg.type) });
        else if (isInputObjectType(argType)) {
          // A required input object (e.g. previewPackageSchedule's) gets its required scalars.
          const filled: Record<string, unknown> = {};
          for (const inner of Object.values(argType.getFields())) {
            const innerType = getNamedType(inner.type).name;
            if (innerType === 'ID') {
              slots.push({ path: [arg.name, inner.name], type: typeOfIdSlot(inner.name), required: isNonNullType(arg.type) && isNonNullType(inner.type) });
            }
            else if (isNonNullType(inner.type)) filled[inner.name] = innerType === 'Date' ? (options.date ?? '2026-11-25') : innerType === 'Int' ? 1 : 'x';
          }
          if (isNonNullType(arg.type)) base[arg.name] = filled;
        } else if (isNonNullType(arg.type)) base[arg.name] = argType.name === 'Date' ? (options.date ?? '2026-11-25') : argType.name === 'Int' ? 1 : 'x';
      }
      const head = field.args.length ? `(${field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ')})` : '';
      const args = field.args.length ? `(${field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})` : '';
      const document = (selection: string) => `query Walk${head} { ${field.name}${args} ${selection} }`;
      const hasFirst = field.args.some((arg) => arg.name === 'first');
      const hasAfter = field.args.some((arg) => arg.name === 'after');
      const firstOf = (type: string | null) => (type ? slotIds.get(type)?.[0] : allIds[0]);
      const withSlot = (variables: Record<string, unknown>, path: string[], value: string) => {
        const copy = structuredClone(variables);
        if (path.length === 1) copy[path[0]!] = value;
        else copy[path[0]!] = { ...((copy[path[0]!] as object | undefined) ?? {}), [path[1]!]: value };
        return copy;
      };
      let required = base;
      for (const slot of slots.filter((s) => s.required)) required = withSlot(required, slot.path, firstOf(slot.type) ?? 'none');
      /** One call, paging through a list or connection to its end; `light`: one hop shallower. */
      const paged = async (variables: Record<string, unknown>, light = false) => {
        let page = hasFirst ? { ...variables, first: 10 } : variables;
        for (let count = 0; count < 200; count += 1) {
          const values = (await (light && lighter ? runTree(document, lighter, page) : runTree(document, tree, page, lighter))).map((answer) => (answer.data as Record<string, unknown> | null | undefined)?.[field.name]);
          if (!hasAfter) return;
          const list = values.find((value) => Array.isArray(value)) as Array<{ id?: string }> | undefined;
          const info = values.map((value) => (value as { pageInfo?: { hasNextPage: boolean; endCursor: string | null } } | null | undefined)?.pageInfo).find(Boolean);
          if (list) {
            const last = list.at(-1);
            if (list.length < 10 || !last?.id) return;
            page = { ...page, after: last.id };
          } else if (info?.hasNextPage && info.endCursor) page = { ...page, after: info.endCursor };
          else return;
        }
      };
      if (!slots.some((s) => s.required)) await paged(required);
      for (const slot of slots) {
        const tries = slot.type ? (slotIds.get(slot.type) ?? []) : allIds;
        // An optional id (a filter) one hop shallower: the nested fields were walked without it.
        for (const id of tries) await paged(withSlot(required, slot.path, id), !slot.required && !slots.some((s) => s.required));
      }
    }
    return reach;
  }

  /** The generated selection of a mutation's payload, for walking what a write answers. */
  payloadSelection(mutation: string, hops = 1): string {
    const field = this.schema.getMutationType()?.getFields()[mutation];
    if (!field) throw new Error(`no mutation ${mutation}`);
    const named = getNamedType(getNullableType(field.type));
    if (isListType(named) || !isObjectType(named)) throw new Error(`${mutation} answers no object`);
    return this.selection(named, hops);
  }
}
