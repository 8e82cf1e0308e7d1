import DataLoader from 'dataloader';
import {
  Clinic,
  Invoice,
  Package,
  PackagePurchase,
  Patient,
  Provider,
  Service,
  User,
  appointmentsOfPurchases,
  historiesOf,
  purchasesOfPatients,
  messagesOfPatients,
  clinicsOfProviders,
  isLoaded,
  loadByIds,
  serviceLinesOfPackages,
  workingHoursOfProviders,
  type UseCaseContext,
} from '@clinic/domain';

/**
 * Request-scoped batch loaders: the relations of every object in one answer are fetched in one
 * statement per kind, however many objects there are.
 */
export function createLoaders(context: () => UseCaseContext) {
  const byId = <T extends { id: string }>(entity: new (...args: never[]) => T) =>
    new DataLoader<string, T | null>((ids) => loadByIds(context(), entity, ids));
  const children = <T>(load: (c: UseCaseContext, ids: readonly string[]) => Promise<T[][]>) =>
    new DataLoader<string, T[]>((ids) => load(context(), ids));
  return {
    clinic: byId(Clinic),
    service: byId(Service),
    provider: byId(Provider),
    patient: byId(Patient),
    package: byId(Package),
    packagePurchase: byId(PackagePurchase),
    invoice: byId(Invoice),
    user: byId(User),
    serviceLinesOfPackage: children(serviceLinesOfPackages),
    clinicsOfProvider: children(clinicsOfProviders),
    workingHoursOfProvider: children(workingHoursOfProviders),
    appointmentsOfPurchase: children(appointmentsOfPurchases),
    purchasesOfPatient: children(purchasesOfPatients),
    messagesOfPatient: children(messagesOfPatients),
    historyOf: children(historiesOf),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/**
 * The related entity, mapped, answered at once when the row holds it already (as the read
 * models' rows do) and through its batch loader otherwise. Answering a loaded relation without a
 * promise lets graphql complete the field in the same tick: for a list of appointments with five
 * relations each, that is five promises per row fewer (and a promise anywhere in an object makes
 * the object, and the list holding it, asynchronous too). `loader` is called only for a row not
 * loaded, so an answer read whole from a read model never makes the request's batch loaders.
 */
export function loadedOr<T extends { id: string }, R>(reference: T, map: (found: T) => R, loader: () => DataLoader<string, T | null>): R | Promise<R> {
  return isLoaded(reference) ? map(reference) : related(loader(), reference).then(map);
}

/** The related entity itself when it is loaded already, else through its batch loader. */
export async function related<T extends { id: string }>(loader: DataLoader<string, T | null>, reference: T): Promise<T> {
  if (isLoaded(reference)) return reference;
  const found = await loader.load(reference.id);
  if (!found) throw new Error(`related row ${reference.id} is missing`);
  return found;
}
