import { useContext, useEffect, useState } from 'preact/hooks';
import { DataTable } from '../components/data-table';
import { Notice, ProblemMessage } from '../components/problem-message';
import { useRequest } from '../components/use-request';
import { shortId, when } from '../format';
import { LanguageContext } from '../i18n/i18n';
import { useSession } from '../session';
import { type LeadSummary, contactText } from './lead-types';
import { RouteLeadForm } from './route-lead-form';

/** Leads flagged for review (keys of two customers); a manager routes each to a rep with a reason. */
export function ReviewQueue() {
  const { api } = useSession();
  const { t, language } = useContext(LanguageContext);
  const queue = useRequest<LeadSummary[]>();
  const [routing, setRouting] = useState<LeadSummary | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => void queue.run(() => api.get<LeadSummary[]>('/leads?status=flagged')), []);

  const routed = (lead: LeadSummary, repId: string) => {
    setNotice(t('leads.routed', { lead: shortId(lead.leadId), rep: repId }));
    setRouting(null);
    // The route's answer is current; the queue's read model may still list the lead for a moment.
    queue.setResult((queue.result ?? []).filter((l) => l.leadId !== lead.leadId));
  };

  return (
    <section aria-labelledby="review-heading">
      <h2 id="review-heading">{t('leads.review')}</h2>
      <Notice text={notice} />
      <ProblemMessage error={queue.error} />
      {queue.result && (
        <DataTable
          caption={t('leads.review')}
          fileName="review-queue.csv"
          rows={queue.result}
          testId="review-queue"
          columns={[
            { header: t('leads.lead'), value: (l) => l.leadId, render: (l) => <code>{shortId(l.leadId)}</code> },
            { header: t('leads.contact'), value: contactText },
            { header: t('leads.flagReason'), value: (l) => l.flagReason },
            { header: t('col.when'), value: (l) => l.receivedAt, render: (l) => when(l.receivedAt, language) },
            {
              header: t('common.actions'),
              value: () => '',
              render: (l) => (
                <button
                  type="button"
                  aria-label={`${t('leads.route')} ${shortId(l.leadId)}`}
                  onClick={() => setRouting(l)}
                >
                  {t('leads.route')}
                </button>
              ),
            },
          ]}
        />
      )}
      {routing && (
        <RouteLeadForm
          key={routing.leadId}
          lead={routing}
          onRouted={(repId) => routed(routing, repId)}
          onCancel={() => setRouting(null)}
        />
      )}
    </section>
  );
}
