import { ApiProblem } from '../api';
import { useT } from '../i18n/i18n';

/** An API refusal or failure, said in words with its code, and each field a 400 names; announced to screen readers. */
export function ProblemMessage({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  const text =
    error instanceof ApiProblem
      ? error.code
        ? t('common.refused', { code: error.code, message: error.message })
        : t('common.failed', { status: error.status, message: error.message })
      : String(error);
  const problems = error instanceof ApiProblem ? (error.body.problems ?? []) : [];
  return (
    <div role="alert" class="problem">
      <p>{text}</p>
      {problems.length > 0 && (
        <ul data-testid="field-problems">
          {problems.map((p) => (
            <li>
              <code>{p.field}</code>: {p.problem}
            </li>
          ))}
        </ul>
      )}
    </div>
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
