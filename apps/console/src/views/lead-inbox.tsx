import { useContext, useEffect, useState } from 'preact/hooks';
import { segment } from '../api';
import { DataTable } from '../components/data-table';
import { Notice, ProblemMessage } from '../components/problem-message';
import { useRequest } from '../components/use-request';
import { shortId, when } from '../format';
import { LanguageContext, codeLabel } from '../i18n/i18n';
import { useSession } from '../session';
import { DecisionTrace } from './decision-trace';
import { DeclineForm, FollowUpForm } from './lead-action-forms';
import { type LeadSummary, contactText } from './lead-types';

type Opened = { kind: 'decline' | 'follow-up' | 'trace'; lead: LeadSummary } | null;

/** The leads a rep holds now, with accept, decline (with a reason), follow-up and the decision trace. */
export function LeadInbox({ repId }: { repId: string }) {
  const { api, role } = useSession();
  const { t, language } = useContext(LanguageContext);
  const leads = useRequest<LeadSummary[]>();
  const [opened, setOpened] = useState<Opened>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  useEffect(() => void leads.run(() => api.get<LeadSummary[]>(`/reps/${segment(repId)}/leads`)), [repId]);
  // A rep acts as themselves; a manager names the rep whose inbox this is.
  const asRep = role === 'rep' ? {} : { repId };

  // The answer is the lead as its stream has it now; the inbox's read model may not have caught up yet.
  const act = async (request: () => Promise<unknown>, done: string, leadId: string) => {
    setActionError(null);
    try {
      const answer = await request();
      setNotice(done);
      setOpened(null);
      if (isLead(answer)) leads.setResult(inboxAfter(leads.result ?? [], leadId, answer, repId));
    } catch (error) {
      setActionError(error);
    }
  };
  // Opening another form starts another action: the last one's refusal no longer applies to what is shown.
  const openForm = (next: Opened) => {
    setActionError(null);
    setOpened(next);
  };
  const accept = (lead: LeadSummary) =>
    act(
      () => api.post(`/leads/${segment(lead.leadId)}/accept`, asRep),
      t('leads.accepted', { lead: shortId(lead.leadId) }),
      lead.leadId,
    );

  const actions = (lead: LeadSummary) => {
    const id = shortId(lead.leadId);
    return (
      <div class="actions">
        {lead.status === 'assigned' && (
          <>
            <button type="button" aria-label={`${t('leads.accept')} ${id}`} onClick={() => accept(lead)}>
              {t('leads.accept')}
            </button>
            <button
              type="button"
              class="secondary"
              aria-label={`${t('leads.decline')} ${id}`}
              onClick={() => openForm({ kind: 'decline', lead })}
            >
              {t('leads.decline')}
            </button>
          </>
        )}
        {lead.customerId && lead.status !== 'assigned' && (
          <button
            type="button"
            class="secondary"
            aria-label={`${t('leads.followUp')} ${id}`}
            onClick={() => openForm({ kind: 'follow-up', lead })}
          >
            {t('leads.followUp')}
          </button>
        )}
        <button
          type="button"
          class="secondary"
          aria-label={`${t('leads.trace')} ${id}`}
          onClick={() => openForm({ kind: 'trace', lead })}
        >
          {t('leads.trace')}
        </button>
      </div>
    );
  };

  return (
    <section aria-labelledby="inbox-heading">
      <h2 id="inbox-heading">
        {t('leads.inbox')}: {repId}
      </h2>
      <Notice text={notice} />
      <ProblemMessage error={leads.error ?? actionError} />
      {leads.result && (
        <DataTable
          caption={`${t('leads.inbox')}: ${repId}`}
          fileName={`inbox-${repId}.csv`}
          rows={leads.result}
          testId="inbox"
          columns={[
            { header: t('leads.lead'), value: (l) => l.leadId, render: (l) => <code>{shortId(l.leadId)}</code> },
            { header: t('leads.channel'), value: (l) => codeLabel(t, 'channel', l.channel) },
            { header: t('leads.contact'), value: contactText },
            { header: t('common.status'), value: (l) => codeLabel(t, 'leadStatus', l.status) },
            { header: t('leads.acceptBy'), value: (l) => l.acceptBy, render: (l) => when(l.acceptBy, language) },
            { header: t('common.actions'), value: () => '', render: actions },
          ]}
        />
      )}
      {opened?.kind === 'decline' && (
        <DeclineForm
          lead={opened.lead}
          onCancel={() => setOpened(null)}
          onDecline={(reason) =>
            act(
              () => api.post(`/leads/${segment(opened.lead.leadId)}/decline`, { reason, ...asRep }),
              t('leads.declined', { lead: shortId(opened.lead.leadId) }),
              opened.lead.leadId,
            )
          }
        />
      )}
      {opened?.kind === 'follow-up' && opened.lead.customerId && (
        <FollowUpForm
          lead={opened.lead}
          onCancel={() => setOpened(null)}
          onLog={(kind, note) =>
            act(
              () =>
                api.post(`/customers/${segment(opened.lead.customerId ?? '')}/follow-ups`, { kind, note, ...asRep }),
              t('common.done'),
              opened.lead.leadId,
            )
          }
        />
      )}
      {opened?.kind === 'trace' && <DecisionTrace leadId={opened.lead.leadId} />}
    </section>
  );
}

const isLead = (answer: unknown): answer is Pick<LeadSummary, 'leadId' | 'status' | 'repId'> =>
  typeof answer === 'object' && answer !== null && 'leadId' in answer && 'status' in answer;

/** The inbox after an action on one lead: gone when it went to another rep, else with its new status. */
function inboxAfter(
  inbox: readonly LeadSummary[],
  leadId: string,
  lead: Pick<LeadSummary, 'status' | 'repId'>,
  repId: string,
): LeadSummary[] {
  if (lead.repId !== repId) return inbox.filter((l) => l.leadId !== leadId);
  return inbox.map((l) => (l.leadId === leadId ? { ...l, status: lead.status } : l));
}
