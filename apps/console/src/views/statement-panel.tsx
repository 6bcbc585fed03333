import { useContext, useState } from 'preact/hooks';
import { segment } from '../api';
import { DataTable } from '../components/data-table';
import { ProblemMessage } from '../components/problem-message';
import { useRequest } from '../components/use-request';
import { money, when } from '../format';
import { LanguageContext, codeLabel } from '../i18n/i18n';
import { useSession } from '../session';
import { figureColumns } from './figures-columns';
import { type Statement, lastMonth } from './finance-types';

/** A rep's statement for a period: totals, then every line with its arithmetic and where it came from. */
export function StatementPanel() {
  const { api, repId: ownRep } = useSession();
  const { t, language } = useContext(LanguageContext);
  // A rep reads only their own statement: the field is theirs and cannot be changed.
  const [repId, setRepId] = useState(ownRep ?? '');
  const [period, setPeriod] = useState(lastMonth());
  const statement = useRequest<Statement>();
  const [shown, setShown] = useState<{ repId: string; period: string } | null>(null);
  const path = (s: { repId: string; period: string }) => `/reps/${segment(s.repId)}/statements/${segment(s.period)}`;
  const show = (event: Event) => {
    event.preventDefault();
    const asked = { repId: repId.trim(), period: period.trim() };
    setShown(asked);
    void statement.run(() => api.get<Statement>(path(asked)));
  };
  const result = statement.result;
  return (
    <section aria-labelledby="statement-heading">
      <h2 id="statement-heading">{t('finance.statement')}</h2>
      <form class="row" onSubmit={show}>
        <label>
          {t('finance.payee')}
          <input required readOnly={ownRep !== null} value={repId} onInput={(e) => setRepId(e.currentTarget.value)} />
        </label>
        <label>
          {t('common.period')}
          <input
            required
            pattern="\d{4}-(\d{2}|Q[1-4])"
            value={period}
            onInput={(e) => setPeriod(e.currentTarget.value)}
          />
        </label>
        <button type="submit">{t('common.show')}</button>
      </form>
      <ProblemMessage error={statement.error} />
      {result && shown && (
        <>
          <DataTable
            caption={`${t('finance.totals')}: ${shown.repId} ${result.period}`}
            fileName={`statement-totals-${shown.repId}-${result.period}.csv`}
            rows={result.totals}
            testId="statement-totals"
            columns={[
              { header: t('finance.currency'), value: (r) => r.currency },
              ...figureColumns<Statement['totals'][number]>(t, (r) => r),
            ]}
          />
          <DataTable
            caption={`${t('finance.lines')}: ${shown.repId} ${result.period}`}
            fileName={`statement-rep-${shown.repId}-${result.period}.csv`}
            engineCsv={() => api.csv(`${path(shown)}?format=csv`)}
            rows={result.lines}
            testId="statement-lines"
            columns={[
              { header: t('col.when'), value: (l) => l.occurredAt, render: (l) => when(l.occurredAt, language) },
              { header: t('finance.kind'), value: (l) => codeLabel(t, 'lineKind', l.kind) },
              { header: t('finance.sale'), value: (l) => l.saleExternalId },
              {
                header: t('finance.amount'),
                value: (l) => String(l.amount),
                render: (l) => money(l.amount, l.currency),
                numeric: true,
              },
              { header: t('finance.arithmetic'), value: (l) => l.arithmetic ?? l.note },
              {
                header: t('finance.provenance'),
                value: (l) =>
                  t('finance.provenanceText', {
                    plan: l.planId,
                    version: l.planVersion,
                    rule: l.rule,
                    events: l.sourceEventIds.map((id) => id.slice(0, 8)).join(' '),
                  }),
              },
            ]}
          />
        </>
      )}
    </section>
  );
}
