import { ApiProblem } from '../api';
import { useT } from '../i18n/i18n';

/** An API refusal or failure, said in words with its code; announced to screen readers. */
export function ProblemMessage({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  const text =
    error instanceof ApiProblem
      ? error.code
        ? t('common.refused', { code: error.code, message: error.message })
        : t('common.failed', { status: error.status, message: error.message })
      : String(error);
  return (
    <p role="alert" class="problem">
      {text}
    </p>
  );
}

/** A success note, announced politely. */
export function Notice({ text }: { text: string | null }) {
  return (
    <p role="status" class="notice">
      {text ?? ''}
    </p>
  );
}
