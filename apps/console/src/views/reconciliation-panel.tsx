import { useState } from 'preact/hooks';
import { segment } from '../api';
import { DataTable } from '../components/data-table';
import { ProblemMessage } from '../components/problem-message';
import { useRequest } from '../components/use-request';
import { money } from '../format';
import { useT } from '../i18n/i18n';
import { useSession } from '../session';
import { figureColumns } from './figures-columns';
import { type Reconciliation, lastMonth } from './finance-types';

/** The ledger per payee beside the control total recomputed from the log, and whether they match. */
export function ReconciliationPanel() {
  const { api } = useSession();
  const t = useT();
  const [period, setPeriod] = useState(lastMonth());
  const reconciliation = useRequest<Reconciliation>();
  const path = (p: string) => `/reconciliation?period=${segment(p)}`;
  const result = reconciliation.result;
  return (
    <section aria-labelledby="reconciliation-heading">
      <h2 id="reconciliation-heading">{t('finance.reconciliation')}</h2>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          void reconciliation.run(() => api.get<Reconciliation>(path(period.trim())));
        }}
      >
        <label>
          {t('common.period')}
          <input required value={period} onInput={(e) => setPeriod(e.currentTarget.value)} />
        </label>
        <button type="submit">{t('common.show')}</button>
      </form>
      <ProblemMessage error={reconciliation.error} />
      {result && (
        <>
          <p class="headline" data-testid="reconciliation-verdict">
            {result.matches ? t('finance.allMatch') : t('finance.mismatch')}
          </p>
          <DataTable
            caption={`${t('finance.reconciliation')} ${result.period}`}
            fileName={`reconciliation-${result.period}.csv`}
            engineCsv={() => api.csv(`${path(result.period)}&format=csv`)}
            rows={result.payees}
            columns={[
              { header: t('finance.payeeColumn'), value: (r) => `${r.payee.kind}:${r.payee.id}` },
              { header: t('finance.currency'), value: (r) => r.currency },
              ...figureColumns<Reconciliation['payees'][number]>(t, (r) => r),
              {
                header: `${t('finance.control')}: ${t('finance.closingDue')}`,
                value: (r) => String(r.control.closingDue),
                render: (r) => money(r.control.closingDue),
                numeric: true,
              },
              { header: t('finance.matches'), value: (r) => (r.matches ? t('common.yes') : t('common.no')) },
            ]}
          />
        </>
      )}
    </section>
  );
}
