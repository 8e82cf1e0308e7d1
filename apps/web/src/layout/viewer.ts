import { useOutletContext } from 'react-router';
import { type AppShellQuery } from '../graphql/generated';

export type Viewer = NonNullable<AppShellQuery['viewer']>;

/** The signed-in user, as the shell loaded it. */
export function useViewer(): Viewer {
  return useOutletContext<Viewer>();
}

export function canBook(viewer: Viewer): boolean {
  return viewer.role === 'ADMIN' || viewer.role === 'RECEPTIONIST';
}

export function canSell(viewer: Viewer): boolean {
  return viewer.role === 'ADMIN' || viewer.role === 'RECEPTIONIST' || viewer.role === 'FINANCE';
}
