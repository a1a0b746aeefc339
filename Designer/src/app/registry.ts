import type { ReactNode } from 'react';
import type { Profile, Role } from '../api/types';

/** An entry in the navigation. */
export interface NavItem {
  /** Translation key, e.g. "nav.tasks", looked up in `ns`. */
  labelKey: string;
  /** i18next namespace of the label: "common", "designer" or "workbench". */
  ns: 'common' | 'designer' | 'workbench';
  /** Smaller first; the designer uses 100-199, the workbench 1-99 (its items come first), administration 900+. */
  order: number;
  /** Shown only to users with at least one of these roles; everyone when absent. */
  roles?: Role[];
  /** Shown only when this says so (e.g. agency type); combined with roles. */
  visible?: (profile: Profile) => boolean;
  /** Where the link goes when it differs from the route's path (e.g. a path with parameters). */
  to?: string;
}

/** A page of the web app, mounted inside the layout behind sign-in. */
export interface AppRoute {
  /** React Router path, e.g. "/tasks" or "/cases/:id". */
  path: string;
  element: ReactNode;
  nav?: NavItem;
  /** Only these roles may open the page (others see "not allowed"); everyone signed in when absent. */
  roles?: Role[];
}

export function hasAnyRole(profile: Profile, roles: Role[] | undefined): boolean {
  return !roles || roles.length === 0 || roles.some((role) => profile.roles.includes(role));
}

/** The nav items this user sees, in order. */
export function navFor(profile: Profile, routes: AppRoute[]): (NavItem & { to: string })[] {
  return routes
    .filter((route) => route.nav && hasAnyRole(profile, route.nav.roles) && (!route.nav.visible || route.nav.visible(profile)))
    .map((route) => ({ ...route.nav!, to: route.nav!.to ?? route.path }))
    .sort((a, b) => a.order - b.order);
}
