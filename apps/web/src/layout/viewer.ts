import { useOutletContext } from 'react-router';
import { type AppShellQuery } from '../graphql/generated';

export type Viewer = NonNullable<AppShellQuery['viewer']>;

/** The signed-in user, as the shell loaded it. */
export function useViewer(): Viewer {
  return useOutletContext<Viewer>();
}

/** What the server lets this person do (`viewer.permissions`): the web app decides nothing by role. */
export function may(viewer: Viewer, permission: string): boolean {
  return viewer.permissions.includes(permission);
}

export function canBook(viewer: Viewer): boolean {
  return may(viewer, 'bookAppointment');
}

export function canSell(viewer: Viewer): boolean {
  return may(viewer, 'purchasePackage');
}
