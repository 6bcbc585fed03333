import { useContext, useEffect } from 'preact/hooks';
import { ApiProblem, segment, withQuery } from '../api';
import { ProblemMessage } from '../components/problem-message';
import { useRequest } from '../components/use-request';
import { when } from '../format';
import { LanguageContext } from '../i18n/i18n';
import { useSession } from '../session';
import type { Timeline } from './customer-types';
import type { DisputeSummary, SubjectKind } from './dispute-types';

type RepEntryState = { subject: { kind: string; id: string } };

/** The stream whose events a rep's timeline is narrowed to; a ledger line has none of its own. */
const STREAM_OF: Partial<Record<SubjectKind, string>> = { 'customer-ownership': 'customer', 'lead-assignment': 'lead' };

interface Props {
  readonly repId: string;
  readonly subject: DisputeSummary['subject'];
  /** Changes whenever the dispute does: the timeline is read again (a resolution may have moved the customer). */
  readonly revision: number;
}

/** One side of a dispute: the events of the rep's timeline that concern the dispute's subject. */
export function RepTimelineColumn({ repId, subject, revision }: Props) {
  const { api } = useSession();
  const { t, language } = useContext(LanguageContext);
  const timeline = useRequest<Timeline<RepEntryState>>();
  const stream = STREAM_OF[subject.kind];
  // The server narrows the rep's timeline to the subject's own events: the cost is the subject's history.
  useEffect(() => {
    if (stream)
      void timeline.run(() =>
        api.get<Timeline<RepEntryState>>(
          withQuery(`/reps/${segment(repId)}/timeline`, { subject: `${stream}-${subject.id}`, limit: 1000 }),
        ),
      );
  }, [repId, stream, subject.id, revision]);
  const error = timeline.error;
  const entries = stream ? timeline.result?.entries : [];
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
