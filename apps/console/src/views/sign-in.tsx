import { useState } from 'preact/hooks';
import { ApiProblem } from '../api';
import { LanguagePicker } from '../components/language-picker';
import { type Language, useT } from '../i18n/i18n';
import { type Session, signIn } from '../session';

interface Props {
  readonly onSignedIn: (session: Session) => void;
  readonly onLanguage: (language: Language) => void;
}

/** The API key is typed here, checked by the engine, and kept in session storage only. */
export function SignIn({ onSignedIn, onLanguage }: Props) {
  const t = useT();
  const [key, setKey] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      onSignedIn(await signIn(key.trim()));
    } catch (error) {
      setRefusal(t('signIn.refused', { message: error instanceof ApiProblem ? error.message : String(error) }));
    }
  };
  return (
    <>
      <header class="top">
        <span class="brand">{t('app.title')}</span>
        <LanguagePicker onLanguage={onLanguage} />
      </header>
      <main class="sign-in">
        <h1>{t('signIn.heading')}</h1>
        <form onSubmit={submit}>
          <label for="api-key">{t('signIn.key')}</label>
          <input
            id="api-key"
            type="password"
            autoComplete="off"
            required
            value={key}
            onInput={(e) => setKey(e.currentTarget.value)}
            aria-describedby="api-key-hint"
          />
          <p id="api-key-hint" class="hint">
            {t('signIn.hint')}
          </p>
          <button type="submit">{t('signIn.submit')}</button>
        </form>
        {refusal && (
          <p role="alert" class="problem">
            {refusal}
          </p>
        )}
      </main>
    </>
  );
}
