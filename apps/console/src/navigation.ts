import type { Role } from './roles';

export type ViewId = 'customers' | 'leads' | 'pools' | 'shared-pool' | 'disputes' | 'finance';

/** Each view and the roles whose routes it needs (docs/api.md); the navigation shows only these. */
export const VIEWS: readonly { readonly id: ViewId; readonly roles: readonly Role[] }[] = [
  { id: 'customers', roles: ['admin', 'manager', 'finance', 'service', 'rep'] },
  { id: 'leads', roles: ['admin', 'manager', 'rep'] },
  { id: 'pools', roles: ['admin', 'manager', 'finance', 'service', 'rep'] },
  { id: 'shared-pool', roles: ['admin', 'manager', 'finance', 'service', 'rep'] },
  { id: 'disputes', roles: ['admin', 'manager', 'finance', 'rep'] },
  { id: 'finance', roles: ['admin', 'manager', 'finance', 'rep'] },
];

export function viewsFor(role: Role): ViewId[] {
  return VIEWS.filter((view) => view.roles.includes(role)).map((view) => view.id);
}

/** The view named by the address's hash (#/pools), if this role may see it. */
export function viewFromHash(hash: string, role: Role): ViewId {
  const allowed = viewsFor(role);
  const wanted = hash.replace(/^#\/?/, '') as ViewId;
  return allowed.includes(wanted) ? wanted : allowed[0];
}
