import { useEffect, useState } from 'preact/hooks';
import { segment } from '../api';
import { ProblemMessage } from '../components/problem-message';
import { shortId } from '../format';
import { useT } from '../i18n/i18n';
import { useSession } from '../session';
import { type CustomerIdentity, identityText, readCustomer } from './customer-identity';
import type { LeadSummary } from './lead-types';

interface Props {
  readonly lead: LeadSummary;
  readonly onRouted: (repId: string) => void;
  readonly onCancel: () => void;
}

type History = { history: readonly { type: string; data: { customerIds?: readonly string[] } }[] };

/** One customer the lead's keys named, with what identifies it (null when it could not be read). */
interface Candidate {
  readonly customerId: string;
  readonly identity: CustomerIdentity | null;
  readonly ownerId: string | null;
}

/** Routes a flagged lead: which of the customers its keys named (chosen by the manager, never by default), to which rep, and why. */
export function RouteLeadForm({ lead, onRouted, onCancel }: Props) {
  const { api } = useSession();
  const t = useT();
  const [candidates, setCandidates] = useState<readonly Candidate[]>([]);
  const [customerId, setCustomerId] = useState('');
  const [repId, setRepId] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const candidate = (id: string): Promise<Candidate> =>
      readCustomer(api, id).then(
        ({ customer, identity }) => ({ customerId: id, identity, ownerId: customer.owner?.repId ?? null }),
        () => ({ customerId: id, identity: null, ownerId: null }),
      );
    api
      .get<History>(`/leads/${segment(lead.leadId)}`)
      .then((detail) => {
        const flagged = detail.history.filter((e) => e.type === 'LeadFlaggedForReview').at(-1);
        return Promise.all((flagged?.data.customerIds ?? []).map(candidate));
      })
      .then(setCandidates, setError);
  }, [lead.leadId]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      const body = { repId: repId.trim(), reason, ...(customerId ? { customerId } : {}) };
      await api.post(`/leads/${segment(lead.leadId)}/route`, body);
      onRouted(repId.trim());
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <form class="panel" onSubmit={submit}>
      {candidates.length > 0 && (
        <label>
          {t('leads.routeCustomer')}
          <select required value={customerId} onChange={(e) => setCustomerId(e.currentTarget.value)}>
            <option value="">{t('leads.chooseCustomer')}</option>
            {candidates.map((c) => (
              <option value={c.customerId}>
                {t('leads.candidate', {
                  identity: (c.identity && identityText(c.identity)) || t('leads.unreadCustomer'),
                  owner: c.ownerId ?? t('customers.nobody'),
                  id: shortId(c.customerId),
                })}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('leads.routeTo', { lead: shortId(lead.leadId) })}
        <input required value={repId} onInput={(e) => setRepId(e.currentTarget.value)} />
      </label>
      <label>
        {t('common.reason')}
        <textarea required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      <div class="actions">
        <button type="submit">{t('leads.route')}</button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
      <ProblemMessage error={error} />
    </form>
  );
}
