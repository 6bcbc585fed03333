import { useContext, useEffect, useState } from 'preact/hooks';
import { segment } from '../api';
import { Notice, ProblemMessage } from '../components/problem-message';
import { useRequest } from '../components/use-request';
import { shortId, when } from '../format';
import { LanguageContext } from '../i18n/i18n';
import { isManager, useSession } from '../session';
import type { DisputeDetail } from './dispute-types';
import { ResolveDisputeForm } from './resolve-dispute-form';
import { RepTimelineColumn } from './rep-timeline-column';

interface Props {
  readonly disputeId: string;
  readonly onChanged: () => void;
}

/** One dispute: the claim, its comments, both sides' timelines, and for managers the resolution. */
export function DisputeDetailPanel({ disputeId, onChanged }: Props) {
  const { api, role } = useSession();
  const { t, language } = useContext(LanguageContext);
  const dispute = useRequest<DisputeDetail>();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Counts the changes made here: a resolution may move the customer, so both sides' timelines read again.
  const [revision, setRevision] = useState(0);
  const path = `/disputes/${segment(disputeId)}`;
  const load = () => dispute.run(() => api.get<DisputeDetail>(path));
  useEffect(() => void load(), [disputeId]);

  // Each answer is the dispute as it stands after the change.
  const changed = async (request: () => Promise<DisputeDetail>, done: string) => {
    setError(null);
    setNotice(null);
    try {
      dispute.setResult(await request());
      setRevision((n) => n + 1);
      setNotice(done);
      onChanged();
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    }
  };
  const shown = dispute.result;
  return (
    <section class="panel" aria-labelledby="dispute-heading" data-testid="dispute-detail">
      <h2 id="dispute-heading">{t('disputes.detail', { id: shortId(disputeId) })}</h2>
      <Notice text={notice} />
      <ProblemMessage error={dispute.error ?? error} />
      {shown && (
        <>
          <dl class="facts">
            <dt>{t('common.status')}</dt>
            <dd data-testid="dispute-status">{t(`disputes.${shown.status}`)}</dd>
            <dt>{t('disputes.subject')}</dt>
            <dd>
              {t(`disputes.kind.${shown.subject.kind}`)} <code>{shown.subject.id}</code>
            </dd>
            <dt>{t('disputes.claimantCol')}</dt>
            <dd>{shown.claimantRepId}</dd>
            <dt>{t('disputes.claimText')}</dt>
            <dd>{shown.claim}</dd>
          </dl>
          {shown.resolution && (
            <p class="headline" data-testid="dispute-resolution">
              {t('disputes.resolution', {
                outcome: t(`disputes.${shown.resolution.outcome as 'upheld' | 'rejected'}`),
                by: shown.resolution.resolvedBy,
                reason: shown.resolution.reason,
              })}
            </p>
          )}
          <h3>{t('disputes.comments')}</h3>
          <ul data-testid="dispute-comments">
            {shown.comments.map((c) => (
              <li>
                <time dateTime={c.at}>{when(c.at, language)}</time> {c.authorId} ({c.authorRole}): {c.text}
              </li>
            ))}
          </ul>
          {shown.status === 'open' && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void changed(
                  () => api.post<DisputeDetail>(`${path}/comments`, { text: comment }),
                  t('disputes.commented'),
                ).then((added) => added && setComment(''));
              }}
            >
              <label>
                {t('disputes.comment')}
                <textarea required value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
              </label>
              <button type="submit">{t('disputes.addComment')}</button>
            </form>
          )}
          {shown.status === 'open' && isManager(role) && (
            <ResolveDisputeForm
              onResolve={(body) => changed(() => api.post<DisputeDetail>(`${path}/resolution`, body), t('common.done'))}
            />
          )}
          <h3>{t('disputes.timelines')}</h3>
          <div class="side-by-side">
            <RepTimelineColumn repId={shown.claimantRepId} subject={shown.subject} revision={revision} />
            {shown.respondentRepId && (
              <RepTimelineColumn repId={shown.respondentRepId} subject={shown.subject} revision={revision} />
            )}
          </div>
        </>
      )}
    </section>
  );
}
