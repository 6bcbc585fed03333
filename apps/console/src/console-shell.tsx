import type { FunctionComponent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { LanguagePicker } from './components/language-picker';
import { type Language, useT } from './i18n/i18n';
import { type ViewId, viewFromHash, viewsFor } from './navigation';
import type { Session } from './session';
import { CustomersView } from './views/customers-view';
import { DisputesView } from './views/disputes-view';
import { FinanceView } from './views/finance-view';
import { LeadsView } from './views/leads-view';
import { PoolsView } from './views/pools-view';
import { SharedPoolView } from './views/shared-pool-view';

const VIEW_COMPONENTS: Record<ViewId, FunctionComponent> = {
  customers: CustomersView,
  leads: LeadsView,
  pools: PoolsView,
  'shared-pool': SharedPoolView,
  disputes: DisputesView,
  finance: FinanceView,
};

interface Props {
  readonly session: Session;
  readonly onLanguage: (language: Language) => void;
  readonly onSignOut: () => void;
}

/** Header, the navigation of the views this role may see (#/view in the address), and the view. */
export function ConsoleShell({ session, onLanguage, onSignOut }: Props) {
  const t = useT();
  const [view, setView] = useState<ViewId>(() => viewFromHash(location.hash, session.role));
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const follow = () => setView(viewFromHash(location.hash, session.role));
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, [session.role]);
  // Moving to another view puts the keyboard focus on its heading, as a page load would.
  useEffect(() => heading.current?.focus(), [view]);

  const View = VIEW_COMPONENTS[view];
  return (
    <>
      <header class="top">
        <span class="brand">{t('app.title')}</span>
        <span data-testid="signed-in-as">
          {session.repId
            ? t('app.signedInAsRep', { repId: session.repId })
            : t('app.signedInAs', { role: t(`role.${session.role}`) })}
        </span>
        <LanguagePicker onLanguage={onLanguage} />
        <button type="button" class="secondary" onClick={onSignOut}>
          {t('app.signOut')}
        </button>
      </header>
      <nav aria-label={t('app.navigation')}>
        <ul>
          {viewsFor(session.role).map((id) => (
            <li>
              <a href={`#/${id}`} aria-current={id === view ? 'page' : undefined}>
                {t(`view.${id}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main>
        <h1 tabIndex={-1} ref={heading}>
          {t(`view.${view}`)}
        </h1>
        <View key={view} />
      </main>
    </>
  );
}
