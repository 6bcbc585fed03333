import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { ConsoleShell } from './console-shell';
import { type Language, LanguageContext, initialLanguage, rememberLanguage, translator } from './i18n/i18n';
import { type Session, SessionContext, forgetKey, signIn, storedKey } from './session';
import { SignIn } from './views/sign-in';

/** The whole console: the language, then either the sign-in or the views the key may see. */
export function App() {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const [session, setSession] = useState<Session | null>(null);
  const [resuming, setResuming] = useState(() => storedKey() !== null);
  const t = useMemo(() => translator(language), [language]);

  // Before the frame is painted: the page never shows text in one language under the other's `lang`.
  useLayoutEffect(() => {
    document.documentElement.lang = language;
    document.title = t('app.title');
  }, [language]);

  // A reload in the same tab signs in again with the key kept in session storage.
  useEffect(() => {
    const key = storedKey();
    if (!key) return;
    signIn(key)
      .then(setSession, forgetKey)
      .finally(() => setResuming(false));
  }, []);

  const chooseLanguage = (next: Language) => {
    rememberLanguage(next);
    setLanguage(next);
  };
  const signOut = () => {
    forgetKey();
    setSession(null);
    location.hash = '';
  };

  return (
    <LanguageContext.Provider value={{ language, t }}>
      <SessionContext.Provider value={session}>
        {session ? (
          <ConsoleShell session={session} onLanguage={chooseLanguage} onSignOut={signOut} />
        ) : resuming ? (
          <main>
            <p role="status">{t('common.loading')}</p>
          </main>
        ) : (
          <SignIn onSignedIn={setSession} onLanguage={chooseLanguage} />
        )}
      </SessionContext.Provider>
    </LanguageContext.Provider>
  );
}
