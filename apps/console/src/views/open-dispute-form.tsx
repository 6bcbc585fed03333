import { useState } from 'preact/hooks';
import { Notice, ProblemMessage } from '../components/problem-message';
import { useT } from '../i18n/i18n';
import { useSession } from '../session';
import type { DisputeSummary, SubjectKind } from './dispute-types';

const KINDS: readonly SubjectKind[] = ['customer-ownership', 'lead-assignment', 'ledger-line'];

/** A rep contests who owns a customer, where a lead went, or a ledger line; a manager names the claimant. */
export function OpenDisputeForm({ onOpened }: { onOpened: (disputeId: string) => void }) {
  const { api, role } = useSession();
  const t = useT();
  const [kind, setKind] = useState<SubjectKind>('customer-ownership');
  const [subjectId, setSubjectId] = useState('');
  const [claim, setClaim] = useState('');
  const [claimant, setClaimant] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      const body = {
        subject: { kind, id: subjectId.trim() },
        claim,
        ...(role === 'rep' ? {} : { repId: claimant.trim() }),
      };
      const opened = await api.post<DisputeSummary>('/disputes', body);
      setNotice(t('disputes.opened'));
      onOpened(opened.disputeId);
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <section aria-labelledby="new-dispute-heading">
      <h2 id="new-dispute-heading">{t('disputes.new')}</h2>
      <form class="panel" onSubmit={submit}>
        <label>
          {t('disputes.subjectKind')}
          <select value={kind} onChange={(e) => setKind(e.currentTarget.value as SubjectKind)}>
            {KINDS.map((k) => (
              <option value={k}>{t(`disputes.kind.${k}`)}</option>
            ))}
          </select>
        </label>
        <label>
          {t('disputes.subjectId')}
          <input required value={subjectId} onInput={(e) => setSubjectId(e.currentTarget.value)} />
        </label>
        {role !== 'rep' && (
          <label>
            {t('disputes.claimant')}
            <input required value={claimant} onInput={(e) => setClaimant(e.currentTarget.value)} />
          </label>
        )}
        <label>
          {t('disputes.claim')}
          <textarea required value={claim} onInput={(e) => setClaim(e.currentTarget.value)} />
        </label>
        <button type="submit">{t('disputes.submit')}</button>
      </form>
      <Notice text={notice} />
      <ProblemMessage error={error} />
    </section>
  );
}
