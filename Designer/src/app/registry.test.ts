import { describe, expect, it } from 'vitest';
import { navFor, type AppRoute } from './registry';
import type { Profile } from '../api/types';

const profile = (roles: Profile['roles'], agency = 'sfj'): Profile => ({
  id: '1', userName: 'u', displayName: 'U', agency, roles, mustChangePassword: false, apiClient: false,
});

const routes: AppRoute[] = [
  { path: '/designer', element: null, nav: { labelKey: 'nav.definitions', ns: 'designer', order: 100, roles: ['coordinator', 'administrator'] } },
  { path: '/tasks', element: null, nav: { labelKey: 'nav.tasks', ns: 'workbench', order: 10 } },
  { path: '/prosecution', element: null, nav: { labelKey: 'nav.p', ns: 'workbench', order: 20, visible: (p) => p.agency === 'jcy' } },
  { path: '/cases/:id', element: null },
];

describe('navFor', () => {
  it('shows items by role and predicate, in order, and leaves out routes without nav', () => {
    expect(navFor(profile(['coordinator']), routes).map((i) => i.to)).toEqual(['/tasks', '/designer']);
    expect(navFor(profile(['staff'], 'scjg'), routes).map((i) => i.to)).toEqual(['/tasks']);
    expect(navFor(profile(['staff'], 'jcy'), routes).map((i) => i.to)).toEqual(['/tasks', '/prosecution']);
  });
});
