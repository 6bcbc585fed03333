import { useState } from 'preact/hooks';
import { segment, withQuery } from '../api';
import { DataTable } from '../components/data-table';
import { ProblemMessage } from '../components/problem-message';
import { useRequest } from '../components/use-request';
import { isoDay } from '../format';
import { codeLabel, useT } from '../i18n/i18n';
import { useSession } from '../session';
import { FairnessChart } from './fairness-chart';
import type { Fairness } from './pool-types';

/** Over business days [from, to): each member's leads due by weight, leads given, and skips by reason. */
export function PoolFairness({ poolId }: { poolId: string }) {
  const { api } = useSession();
  const t = useT();
  const [from, setFrom] = useState(isoDay(-6));
  const [to, setTo] = useState(isoDay(1));
  const fairness = useRequest<Fairness>();
  const show = (event: Event) => {
    event.preventDefault();
    void fairness.run(() => api.get<Fairness>(withQuery(`/pools/${segment(poolId)}/fairness`, { from, to })));
  };
  const result = fairness.result;
  return (
    <section aria-labelledby="fairness-heading">
      <h2 id="fairness-heading">{t('pools.fairness')}</h2>
      <form class="row" onSubmit={show}>
        <label>
          {t('common.from')}
          <input type="date" required value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label>
          {t('common.to')}
          <input type="date" required value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </label>
        <button type="submit">{t('common.show')}</button>
      </form>
      <ProblemMessage error={fairness.error} />
      {result && (
        <>
          <p data-testid="fairness-summary">
            {t('pools.routed', { count: result.leadsRouted })}{' '}
            {result.largestDeficit
              ? t('pools.largestDeficit', { rep: result.largestDeficit.repId, deficit: result.largestDeficit.deficit })
              : t('pools.noDeficit')}
          </p>
          <FairnessChart fairness={result} />
          <DataTable
            caption={t('pools.fairnessChart')}
            fileName={`fairness-${poolId}-${result.from}-${result.to}.csv`}
            rows={result.members}
            testId="fairness-table"
            columns={[
              { header: t('col.repId'), value: (m) => m.repId },
              { header: t('pools.leadsDue'), value: (m) => m.leadsDue, numeric: true },
              { header: t('pools.leadsGiven'), value: (m) => m.leadsGiven, numeric: true },
              { header: t('pools.deficit'), value: (m) => m.deficit, numeric: true },
              {
                header: t('pools.skips'),
                value: (m) =>
                  Object.entries(m.skips)
                    .filter(([, count]) => count > 0)
                    .map(([reason, count]) => `${codeLabel(t, 'skipReason', reason)} ${count}`)
                    .join(', '),
              },
            ]}
          />
        </>
      )}
    </section>
  );
}
