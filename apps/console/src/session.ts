import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { type Api, apiWithKey } from './api';
import { countBusinessDaysIn } from './format';
import type { Role } from './roles';

export { type Role, isManager } from './roles';

export interface Session {
  readonly role: Role;
  /** The rep a rep key speaks for; null for every other role. */
  readonly repId: string | null;
  readonly api: Api;
}

// Session storage: the key lives as long as the tab, is never put in a URL, and is not shared with other tabs.
const KEY_ITEM = 'leadledger.console.key';

export function storedKey(): string | null {
  return sessionStorage.getItem(KEY_ITEM);
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY_ITEM);
}

/** Asks the engine who the key is; keeps the key only once the engine accepted it. */
export async function signIn(key: string): Promise<Session> {
  const api = apiWithKey(key);
  const who = await api.get<{ role: Role; repId: string | null; timeZone: string }>('/console/session');
  sessionStorage.setItem(KEY_ITEM, key);
  countBusinessDaysIn(who.timeZone);
  return { role: who.role, repId: who.repId, api };
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in console');
  return session;
}
