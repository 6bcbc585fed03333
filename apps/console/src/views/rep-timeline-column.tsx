import { useContext, useEffect } from 'preact/hooks';
import { ApiProblem, segment, withQuery } from '../api';
import { ProblemMessage } from '../components/problem-message';
import { useRequest } from '../components/use-request';
import { when } from '../format';
import { LanguageContext } from '../i18n/i18n';
import { useSession } from '../session';
import type { Timeline } from './customer-types';

type RepEntryState = { subject: { kind: string; id: string } };

/** One side of a dispute: the events of the rep's timeline that concern the dispute's subject. */
export function RepTimelineColumn({ repId, subjectId }: { repId: string; subjectId: string }) {
  const { api } = useSession();
  const { t, language } = useContext(LanguageContext);
  const timeline = useRequest<Timeline<RepEntryState>>();
  useEffect(
    () =>
      void timeline.run(() =>
        api.get<Timeline<RepEntryState>>(withQuery(`/reps/${segment(repId)}/timeline`, { limit: 1000 })),
      ),
    [repId],
  );
  const error = timeline.error;
  const entries = timeline.result?.entries.filter((e) => e.stateAfter.subject.id === subjectId);
  return (
    <section aria-label={t('disputes.timelineOf', { rep: repId })} data-testid={`timeline-${repId}`}>
      <h4>{t('disputes.timelineOf', { rep: repId })}</h4>
      {error instanceof ApiProblem && error.status === 403 ? (
        <p>{t('disputes.notVisible')}</p>
      ) : (
        <ProblemMessage error={error} />
      )}
      {entries && (
        <ol>
          {entries.map((entry) => (
            <li>
              <time dateTime={entry.occurredAt}>{when(entry.occurredAt, language)}</time> {entry.sentence}
              {entry.reason ? ` (${entry.reason})` : ''}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
