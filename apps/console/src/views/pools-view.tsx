import { useContext, useEffect, useState } from 'preact/hooks';
import { segment } from '../api';
import { DataTable } from '../components/data-table';
import { Notice, ProblemMessage } from '../components/problem-message';
import { useRequest } from '../components/use-request';
import { LanguageContext } from '../i18n/i18n';
import { isManager, useSession } from '../session';
import { PoolFairness } from './pool-fairness';
import type { Pool, PoolMember, PoolSummary } from './pool-types';

/** A pool's members, weights, caps and pauses; pause and resume; and its fairness for managers. */
export function PoolsView() {
  const { api, role } = useSession();
  const { t } = useContext(LanguageContext);
  const [poolId, setPoolId] = useState('');
  const pools = useRequest<{ pools: PoolSummary[] }>();
  const pool = useRequest<Pool>();
  const [pausing, setPausing] = useState<PoolMember | null>(null);
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  // Every pool is offered as the id is typed (GET /pools).
  useEffect(() => void pools.run(() => api.get<{ pools: PoolSummary[] }>('/pools')), []);
  const load = async (id: string) => void (await pool.run(() => api.get<Pool>(`/pools/${segment(id)}`)));
  const change = async (path: string, body: object) => {
    setActionError(null);
    try {
      pool.setResult(await api.post<Pool>(path, body));
      setNotice(t('common.done'));
      setPausing(null);
    } catch (error) {
      setActionError(error);
    }
  };
  const memberPath = (member: PoolMember) =>
    `/pools/${segment(pool.result?.poolId ?? '')}/members/${segment(member.repId)}`;

  const manages = isManager(role);
  const current = pool.result;
  return (
    <>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          void load(poolId.trim());
        }}
      >
        <label>
          {t('pools.poolId')}
          <input required list="known-pools" value={poolId} onInput={(e) => setPoolId(e.currentTarget.value)} />
          <datalist id="known-pools">
            {(pools.result?.pools ?? []).map((p) => (
              <option value={p.poolId}>
                {p.name} ({p.members})
              </option>
            ))}
          </datalist>
        </label>
        <button type="submit">{t('pools.load')}</button>
      </form>
      <Notice text={notice} />
      <ProblemMessage error={pool.error ?? actionError} />
      {current && (
        <section aria-labelledby="members-heading">
          <h2 id="members-heading">
            {current.name} ({current.poolId})
          </h2>
          <p>
            {t('pools.strategy')}: {current.strategy} · {t('pools.sla')}: {current.acceptanceSlaMinutes} ·{' '}
            {t('pools.queued', { count: current.queuedLeads.length })}
          </p>
          <DataTable
            caption={t('pools.members')}
            fileName={`pool-${current.poolId}-members.csv`}
            rows={current.members}
            testId="pool-members"
            columns={[
              { header: t('col.repId'), value: (m) => m.repId },
              { header: t('pools.weight'), value: (m) => m.weight, numeric: true },
              { header: t('pools.dailyCap'), value: (m) => m.dailyCap, numeric: true },
              { header: t('pools.monthlyCap'), value: (m) => m.monthlyCap, numeric: true },
              {
                header: t('pools.paused'),
                value: (m) => (m.paused ? (m.pausedBecause ?? t('common.yes')) : t('common.no')),
              },
              { header: t('pools.today'), value: (m) => m.assignedToday, numeric: true },
              { header: t('pools.month'), value: (m) => m.assignedThisMonth, numeric: true },
              ...(manages
                ? [
                    {
                      header: t('common.actions'),
                      value: () => '',
                      render: (m: PoolMember) =>
                        m.paused ? (
                          <button
                            type="button"
                            aria-label={`${t('pools.resume')} ${m.repId}`}
                            onClick={() => change(`${memberPath(m)}/resume`, {})}
                          >
                            {t('pools.resume')}
                          </button>
                        ) : (
                          <button
                            type="button"
                            class="secondary"
                            aria-label={`${t('pools.pause')} ${m.repId}`}
                            onClick={() => setPausing(m)}
                          >
                            {t('pools.pause')}
                          </button>
                        ),
                    },
                  ]
                : []),
            ]}
          />
          {pausing && (
            <form
              class="panel"
              onSubmit={(e) => {
                e.preventDefault();
                void change(`${memberPath(pausing)}/pause`, { reason });
              }}
            >
              <label>
                {t('pools.pauseReason', { rep: pausing.repId })}
                <input required autoFocus value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
              </label>
              <div class="actions">
                <button type="submit">{t('pools.pause')}</button>
                <button type="button" class="secondary" onClick={() => setPausing(null)}>
                  {t('common.cancel')}
                </button>
              </div>
            </form>
          )}
          {manages && <PoolFairness poolId={current.poolId} />}
        </section>
      )}
    </>
  );
}
