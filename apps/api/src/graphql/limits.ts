import type { ApolloServerPlugin } from '@apollo/server';
import {
  getVariableValues,
  getNullableType,
  isListType,
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { getComplexity, simpleEstimator } from 'graphql-query-complexity';

/** Deep enough for every screen (appointment -> purchase -> progress -> appointments -> patient). */
export const MAX_DEPTH = 10;
/**
 * Each field costs 1 plus its children; the children of a list count once per item: `first`
 * items where the field takes it, else an assumed LIST_SIZE (a connection's edges are already
 * counted by its `first`).
 */
export const MAX_COMPLEXITY = 5_000;
/** Operations in one batched HTTP request. */
export const MAX_BATCH = 10;
const LIST_SIZE = 10;

/** A validation rule: refuses operations nested deeper than `max` fields. */
export function depthLimit(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const depthOf = (selectionSet: SelectionSetNode | undefined, seen: Set<string>): number => {
      if (!selectionSet) return 0;
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value.startsWith('__')) continue;
          deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, seen));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (fragment && !seen.has(name)) deepest = Math.max(deepest, depthOf(fragment.selectionSet, new Set([...seen, name])));
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet, new Set());
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

/** Refuses, before anything runs, an operation whose estimated cost passes `max`. */
export function complexityLimit(schema: GraphQLSchema, max: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation }) {
          // Variables that do not fit their types: execution refuses them with a 400 of its own.
          if (!operation || getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}).errors) return;
          let complexity: number;
          try {
            complexity = getComplexity({
            schema,
            query: document,
            variables: request.variables ?? {},
            ...(request.operationName ? { operationName: request.operationName } : {}),
            estimators: [
              ({ args, childComplexity, field, type }) => {
                // Introspection is free: GraphiQL and code generators must be able to load the schema.
                if (type.name.startsWith('__') || field.name.startsWith('__')) return 0;
                if (typeof args['first'] === 'number') return 1 + childComplexity * Math.max(1, args['first']);
                const isList = isListType(getNullableType(field.type));
                return isList && field.name !== 'edges' ? 1 + childComplexity * LIST_SIZE : undefined;
              },
              simpleEstimator({ defaultComplexity: 1 }),
            ],
            });
          } catch {
            // graphql-query-complexity gives up on operations of more than 10,000 fields.
            complexity = Number.POSITIVE_INFINITY;
          }
          if (complexity > max) {
            const cost = Number.isFinite(complexity) ? String(complexity) : 'too much to count';
            throw new GraphQLError(`The operation costs ${cost}; at most ${max} is allowed. Ask for fewer items or fields.`, {
              extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
