import { Arg, Ctx, ID, Resolver, Root, type ClassType } from 'type-graphql';
import { FieldResolver, Query } from '../answers.js';
import { findNode, type NodeRow, type NodeType } from '@clinic/domain';
import type { GraphqlContext } from '../context.js';
import { fromGlobalId, toGlobalId } from '../global-id.js';
import {
  asAppointment,
  asClinic,
  asClosure,
  asInvoice,
  asPackage,
  asPackagePurchase,
  asPatient,
  asPatientMessage,
  asPayment,
  asProvider,
  asService,
  asUser,
  asWaitlistEntry,
  asWebhookDelivery,
  asWebhookEndpoint,
} from '../source.js';
import { useCase } from '../viewer.js';
import { Node } from '../types/node.type.js';
import { Clinic, Package, Provider, Service } from '../types/catalogue.type.js';
import { Patient, User } from '../types/people.type.js';
import { Invoice, PackagePurchase, Payment } from '../types/purchase.type.js';
import { Appointment } from '../types/appointment.type.js';
import { Closure } from '../types/closure.type.js';
import { WebhookDelivery, WebhookEndpoint } from '../types/webhook.type.js';
import { PatientMessage } from '../../notifications/message.type.js';

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global id; null when it does not exist in your tenant.' })
  async node(@Arg('id', () => ID, { description: 'A global id.' }) id: string, @Ctx() context: GraphqlContext): Promise<Node | null> {
    const decoded = fromGlobalId(id);
    const domain = useCase(context);
    if (!decoded) return null;
    const row = await findNode(domain, decoded.type, decoded.id);
    return row && nodeOf(decoded.type, row);
  }
}

/** Each node type's row as its GraphQL type (the mapper keeps the row's class: Node's resolveType reads its name). */
const NODE_MAPPERS: { [T in NodeType]: (row: NodeRow<T>) => Node } = {
  Appointment: asAppointment,
  Clinic: asClinic,
  Closure: asClosure,
  Invoice: asInvoice,
  Package: asPackage,
  PackagePurchase: asPackagePurchase,
  Patient: asPatient,
  PatientMessage: asPatientMessage,
  Payment: asPayment,
  Provider: asProvider,
  Service: asService,
  User: asUser,
  WaitlistEntry: asWaitlistEntry,
  WebhookDelivery: asWebhookDelivery,
  WebhookEndpoint: asWebhookEndpoint,
};

function nodeOf<T extends NodeType>(type: T, row: NodeRow<T>): Node {
  const map: (row: NodeRow<T>) => Node = NODE_MAPPERS[type];
  return map(row);
}

/** The `id` of a node type: the global id of the row's uuid. */
function nodeIdResolver(type: () => ClassType, name: NodeType) {
  @Resolver(type)
  class NodeIdResolver {
    @FieldResolver(() => ID, { description: 'Global, opaque id.' })
    id(@Root() row: { id: string }): string {
      return toGlobalId(name, row.id);
    }
  }
  Object.defineProperty(NodeIdResolver, 'name', { value: `${name}IdResolver` });
  return NodeIdResolver;
}

export const nodeIdResolvers = [
  nodeIdResolver(() => Appointment, 'Appointment'),
  nodeIdResolver(() => Clinic, 'Clinic'),
  nodeIdResolver(() => Closure, 'Closure'),
  nodeIdResolver(() => Invoice, 'Invoice'),
  nodeIdResolver(() => Package, 'Package'),
  nodeIdResolver(() => PackagePurchase, 'PackagePurchase'),
  nodeIdResolver(() => Patient, 'Patient'),
  nodeIdResolver(() => PatientMessage, 'PatientMessage'),
  nodeIdResolver(() => Payment, 'Payment'),
  nodeIdResolver(() => Provider, 'Provider'),
  nodeIdResolver(() => Service, 'Service'),
  nodeIdResolver(() => User, 'User'),
  nodeIdResolver(() => WebhookDelivery, 'WebhookDelivery'),
  nodeIdResolver(() => WebhookEndpoint, 'WebhookEndpoint'),
] as const;
