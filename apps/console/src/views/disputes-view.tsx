import { useContext, useEffect, useState } from 'preact/hooks';
import { withQuery } from '../api';
import { DataTable } from '../components/data-table';
import { ProblemMessage } from '../components/problem-message';
import { useRequest } from '../components/use-request';
import { shortId, when } from '../format';
import { LanguageContext } from '../i18n/i18n';
import { useSession } from '../session';
import { DisputeDetailPanel } from './dispute-detail';
import { OpenDisputeForm } from './open-dispute-form';
import type { DisputePage } from './dispute-types';

const STATUSES = ['', 'open', 'upheld', 'rejected'] as const;

/** Disputes the key may see (a rep: their own), opening one, and one read in full. */
export function DisputesView() {
  const { api, role } = useSession();
  const { t, language } = useContext(LanguageContext);
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('');
  const [selected, setSelected] = useState<string | null>(null);
  const page = useRequest<DisputePage>();
  const load = () => page.run(() => api.get<DisputePage>(withQuery('/disputes', { status, limit: 100 })));
  useEffect(() => void load(), [status]);

  return (
    <>
      <label>
        {t('disputes.filter')}
        <select value={status} onChange={(e) => setStatus(e.currentTarget.value as (typeof STATUSES)[number])}>
          {STATUSES.map((s) => (
            <option value={s}>{t(s ? `disputes.${s}` : 'disputes.all')}</option>
          ))}
        </select>
      </label>
      <ProblemMessage error={page.error} />
      {page.result && (
        <DataTable
          caption={`${t('view.disputes')} (${page.result.total})`}
          fileName="disputes.csv"
          rows={page.result.items}
          testId="disputes"
          columns={[
            { header: t('disputes.id'), value: (d) => d.disputeId, render: (d) => <code>{shortId(d.disputeId)}</code> },
            { header: t('common.status'), value: (d) => t(`disputes.${d.status}`) },
            { header: t('disputes.claimantCol'), value: (d) => d.claimantRepId },
            { header: t('disputes.respondent'), value: (d) => d.respondentRepId },
            { header: t('disputes.subject'), value: (d) => `${t(`disputes.kind.${d.subject.kind}`)} ${d.subject.id}` },
            { header: t('disputes.openedAt'), value: (d) => d.openedAt, render: (d) => when(d.openedAt, language) },
            {
              header: t('common.actions'),
              value: () => '',
              render: (d) => (
                <button
                  type="button"
                  aria-label={`${t('disputes.read')} ${shortId(d.disputeId)}`}
                  onClick={() => setSelected(d.disputeId)}
                >
                  {t('disputes.read')}
                </button>
              ),
            },
          ]}
        />
      )}
      {selected && <DisputeDetailPanel key={selected} disputeId={selected} onChanged={load} />}
      {role !== 'finance' && (
        <OpenDisputeForm
          onOpened={(id) => {
            setSelected(id);
            void load();
          }}
        />
      )}
    </>
  );
}
