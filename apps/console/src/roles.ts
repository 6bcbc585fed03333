/** The roles an API key carries (libs/auth), as the console sees them. */
export type Role = 'admin' | 'manager' | 'finance' | 'service' | 'rep';

/** Managers and admins: they route, pause, resolve disputes and act for a rep. */
export const isManager = (role: Role) => role === 'manager' || role === 'admin';
