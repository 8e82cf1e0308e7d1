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
  parse,
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { MAX_BATCH, MAX_COMPLEXITY, MAX_TOKENS, analyseOperation, coercedVariables, operationOf } from '../graphql/limits.js';
import type { GraphqlAnswer, GraphqlClient } from './graphql-client.js';

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

type Answer = GraphqlAnswer<Record<string, unknown>>;

/** One `node(id:)` call of the walk: the id, and the selection asked of its type. */
interface NodePart {
  type: string;
  id: string;
  tree: Tree;
}

/** What an operation takes of a request's budget: its cost and its tokens. */
export interface Budget {
  cost: number;
  tokens: number;
}

/**
 * An operation's cost and tokens, measured as the server's request guard measures them (the same
 * functions of graphql/limits.ts, the same token count); an operation that does not validate its
 * variables costs nothing here (the server refuses it before running anything).
 */
export function budgetOf(schema: GraphQLSchema, text: string, variables: Record<string, unknown>): Budget {
  const document = parse(text);
  let tokens = 0;
  for (let token = document.loc?.startToken ?? null; token; token = token.next) tokens += 1;
  const operation = operationOf(document, undefined);
  const coerced = operation && coercedVariables(schema, operation, variables);
  return { cost: operation && coerced ? analyseOperation(schema, document, operation, coerced).cost : 0, tokens };
}

/** Within what one HTTP request may cost (a hair under, for the rounding of summed tenths). */
export function withinLimits(budget: Budget): boolean {
  return budget.cost <= MAX_COMPLEXITY - 0.01 && budget.tokens <= MAX_TOKENS;
}

interface Queued {
  text: string;
  variables: Record<string, unknown>;
  budget: Budget;
  resolve: (answer: Answer) => void;
  reject: (error: unknown) => void;
}

/**
 * One caller's HTTP requests, as few as the server's limits allow: the operations queued while
 * others are under way go out together as one batch (a JSON array; the server runs each entry
 * as its own operation and answers them in order), as many as fit: at most MAX_BATCH, their
 * summed cost and tokens within the request's. At most `parallel` requests are under way. A
 * batch refused as a whole is sent again one operation at a time, so that each operation gets
 * the answer it would get alone.
 */
export class RequestPacker {
  /** HTTP requests sent. */
  requests = 0;
  private readonly queue: Queued[] = [];
  private underWay = 0;
  private scheduled = false;

  constructor(
    private readonly client: GraphqlClient,
    private readonly schema: GraphQLSchema,
    private readonly parallel = 1,
  ) {}

  request(text: string, variables: Record<string, unknown>, budget = budgetOf(this.schema, text, variables)): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      this.queue.push({ text, variables, budget, resolve, reject });
      this.schedule();
    });
  }

  /** After the current turn, so that what it queues goes out together. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.underWay < this.parallel && this.queue.length > 0) {
        this.underWay += 1;
        void this.send(this.take()).finally(() => {
          this.underWay -= 1;
          this.schedule();
        });
      }
    });
  }

  /** The first operation queued, and those after it that still fit beside it. */
  private take(): Queued[] {
    const batch = [this.queue.shift()!];
    let cost = batch[0]!.budget.cost;
    let tokens = batch[0]!.budget.tokens;
    for (let index = 0; index < this.queue.length && batch.length < MAX_BATCH; ) {
      const next = this.queue[index]!;
      if (withinLimits({ cost: cost + next.budget.cost, tokens: tokens + next.budget.tokens })) {
        batch.push(next);
        cost += next.budget.cost;
        tokens += next.budget.tokens;
        this.queue.splice(index, 1);
      } else index += 1;
    }
    return batch;
  }

  private async send(batch: Queued[]): Promise<void> {
    try {
      this.requests += 1;
      if (batch.length > 1) {
        const { parts } = await sentAgainIfReset(() => this.client.batch(batch.map(({ text, variables }) => ({ query: text, variables }))));
        if (parts) {
          batch.forEach((queued, index) => queued.resolve(parts[index]!));
          return;
        }
        this.requests += batch.length;
      }
      const answers = await Promise.all(batch.map(({ text, variables }) => sentAgainIfReset(() => this.client.request(text, variables))));
      batch.forEach((queued, index) => queued.resolve(answers[index]!));
    } catch (error) {
      for (const queued of batch) queued.reject(error);
    }
  }
}

/**
 * The walk only reads, and packs its work into a few large requests: while this process (the
 * server's too) is busy for a while, the server's keep-alive timer may close an idle connection
 * just as fetch reuses it, and that request is reset before the server reads it. It is sent
 * again (twice at most); any other failure stands.
 */
async function sentAgainIfReset<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await send();
    } catch (error) {
      if ((error as { cause?: { code?: unknown } }).cause?.code !== 'ECONNRESET' || attempt === 3) throw error;
    }
  }
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
  /** HTTP requests the walk sent. */
  requests?: number;
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
   *
   * Every operation is the one a single call would send; they go out in as few HTTP requests as
   * the server's budget takes: `node` calls as aliases of one operation (a `node` is nullable, so
   * one alias's error nulls only that alias), other root fields (some not nullable: an error
   * would blank their neighbours) as entries of a batch (`RequestPacker`).
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
    const http = new RequestPacker(client, this.schema);
    /**
     * Runs a selection; one over the budget (by the server's own measure, or refused by the
     * server) is split into smaller operations that together ask for the same fields, so the walk
     * fits whatever limit the server sets. Every answer.
     */
    const tooCostly = new Set<string>();
    const runTree = async (document: (selection: string) => string, tree: Tree | null, variables: Record<string, unknown>, lighter?: Tree): Promise<Answer[]> => {
      const answers: Answer[] = [];
      const refusals: Answer[] = [];
      const attempt = async (piece: Tree | null): Promise<void> => {
        const text = document(piece ? printTree(piece) : '');
        const budget = budgetOf(this.schema, text, variables);
        if (piece && (tooCostly.has(text) || !withinLimits(budget))) {
          const pieces = splitTree(piece);
          if (pieces.length > 1 || pieces[0] !== piece) {
            await Promise.all(pieces.map(attempt));
            return;
          }
        }
        const answer = await http.request(text, variables, budget);
        const refused = answer.errors?.some((error) => error.extensions?.['code'] === 'QUERY_TOO_COMPLEX');
        if (refused && piece) {
          const pieces = splitTree(piece);
          if (pieces.length > 1 || pieces[0] !== piece) {
            tooCostly.add(text);
            await Promise.all(pieces.map(attempt));
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

    // `node` with every candidate: a cheap look first (most ids answer null for a given caller),
    // then each id found with every field of its type, the selection split where it costs too
    // much alone. Each `node` is an alias; the aliases of one operation may be of different
    // types (a selection of every type's fragments under one name would not validate: the same
    // field has different types in different node types).
    const nodeDocument = (type: string) => (selection: string) => `query WalkNode($id: ID!) { node(id: $id) { __typename ... on ${type} ${selection} } }`;
    const fitted = new Map<string, Tree[]>();
    const piecesOf = (type: string): Tree[] => {
      let pieces = fitted.get(type);
      if (!pieces) {
        const object = this.schema.getType(type);
        if (!object || !isObjectType(object)) throw new Error(`${type} is not an object type`);
        const fit = (tree: Tree): Tree[] => {
          if (withinLimits(budgetOf(this.schema, nodeDocument(type)(printTree(tree)), { id: 'x' }))) return [tree];
          const smaller = splitTree(tree);
          return smaller.length === 1 && smaller[0] === tree ? [tree] : smaller.flatMap(fit);
        };
        fitted.set(type, (pieces = fit(this.tree(object, hops))));
      }
      return pieces;
    };
    const LOOK: Tree = { fields: [['id', null]] };
    /** Runs the (id, selection) parts as aliased operations; what each id's alias answered. */
    const runNodes = async (parts: NodePart[]): Promise<unknown[]> => {
      const found: unknown[] = new Array(parts.length);
      await Promise.all(
        this.packNodes(parts).map(async ({ from, to, text, variables, budget }) => {
          const answer = await http.request(text, variables, budget);
          if (answer.errors?.some((error) => error.extensions?.['code'] === 'QUERY_TOO_COMPLEX')) {
            // Refused although it fits by the server's own measure: each part alone, split as the server asks.
            await Promise.all(
              parts.slice(from, to).map(async (part, index) => {
                const [single] = await runTree(nodeDocument(part.type), part.tree, { id: part.id });
                found[from + index] = (single?.data as { node?: unknown } | null | undefined)?.node;
              }),
            );
            return;
          }
          SchemaWalk.scan(reach, answer);
          for (let index = from; index < to; index += 1) found[index] = (answer.data as Record<string, unknown> | null | undefined)?.[`n${index - from}`];
        }),
      );
      return found;
    };
    const walkNodes = async () => {
      const ids = [...candidates].flatMap(([type, list]) => list.map((id) => ({ type, id })));
      const looks = await runNodes(ids.map(({ type, id }) => ({ type, id, tree: LOOK })));
      const hits = ids.filter((_, index) => looks[index]);
      await runNodes(hits.flatMap(({ type, id }) => piecesOf(type).map((tree) => ({ type, id, tree }))));
    };

    const walks: Array<Promise<unknown>> = [walkNodes()];
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
      // Every call at once (each pages on its own): the packer sends them together.
      if (!slots.some((s) => s.required)) walks.push(paged(required));
      for (const slot of slots) {
        const tries = slot.type ? (slotIds.get(slot.type) ?? []) : allIds;
        // An optional id (a filter) one hop shallower: the nested fields were walked without it.
        for (const id of tries) walks.push(paged(withSlot(required, slot.path, id), !slot.required && !slots.some((s) => s.required)));
      }
    }
    await Promise.all(walks);
    reach.requests = http.requests;
    return reach;
  }

  /**
   * `node` parts as operations of aliases `n0`, `n1`, ..., each as many parts (in order) as fit
   * the request's budget; `from`/`to`: the parts it holds. A root field's cost does not depend on
   * its neighbours, so each part is measured once per type and selection, alone (its tokens then
   * count the operation's head too: an upper bound); each operation is measured whole at the end.
   */
  private packNodes(parts: NodePart[]): Array<{ from: number; to: number; text: string; variables: Record<string, unknown>; budget: Budget }> {
    const alone = new Map<string, Budget>();
    const budgetAlone = (part: NodePart) => {
      const selection = `... on ${part.type} ${printTree(part.tree)}`;
      let budget = alone.get(selection);
      if (!budget) alone.set(selection, (budget = budgetOf(this.schema, `query WalkNode($id: ID!) { node(id: $id) { __typename ${selection} } }`, { id: 'x' })));
      return budget;
    };
    const operations: ReturnType<SchemaWalk['packNodes']> = [];
    let from = 0;
    while (from < parts.length) {
      let to = from;
      const sum: Budget = { cost: 0, tokens: 0 };
      while (to < parts.length) {
        const budget = budgetAlone(parts[to]!);
        if (to > from && !withinLimits({ cost: sum.cost + budget.cost, tokens: sum.tokens + budget.tokens })) break;
        sum.cost += budget.cost;
        sum.tokens += budget.tokens;
        to += 1;
      }
      const slice = parts.slice(from, to);
      const text = `query WalkNodes(${slice.map((_, index) => `$n${index}: ID!`).join(', ')}) { ${slice
        .map((part, index) => `n${index}: node(id: $n${index}) { __typename ... on ${part.type} ${printTree(part.tree)} }`)
        .join(' ')} }`;
      const variables = Object.fromEntries(slice.map((part, index) => [`n${index}`, part.id]));
      operations.push({ from, to, text, variables, budget: budgetOf(this.schema, text, variables) });
      from = to;
    }
    return operations;
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
