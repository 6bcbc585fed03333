import { useContext, useEffect, useState } from 'preact/hooks';
import { withQuery } from '../api';
import { DataTable } from '../components/data-table';
import { ProblemMessage } from '../components/problem-message';
import { useRequest } from '../components/use-request';
import { when } from '../format';
import { LanguageContext } from '../i18n/i18n';
import { useSession } from '../session';
import type { CustomerState, Timeline } from './customer-types';

/**
 * The customer's events in words, replayed up to an "as of" day (GET /customers/:id/timeline?asOf=):
 * the owner then, and each change with its reason and actor.
 */
export function OwnershipTimeline({ customerId }: { customerId: string }) {
  const { api } = useSession();
  const { t, language } = useContext(LanguageContext);
  const [asOf, setAsOf] = useState('');
  // The day as asked: the answer's asOf is that day's start in the engine's time zone, maybe the day before in UTC.
  const [shownDay, setShownDay] = useState('');
  const timeline = useRequest<Timeline<CustomerState>>();
  const load = (day: string) =>
    timeline.run(() => {
      setShownDay(day);
      return api.get<Timeline<CustomerState>>(
        withQuery(`/customers/${customerId}/timeline`, { asOf: day, limit: 1000 }),
      );
    });
  useEffect(() => void load(''), [customerId]);

  const result = timeline.result;
  const owner = result ? (result.state.ownerId ?? t('customers.nobody')) : null;
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t('customers.timeline')}</h2>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          void load(asOf);
        }}
      >
        <label>
          {t('customers.asOf')}
          <input type="date" value={asOf} onInput={(e) => setAsOf(e.currentTarget.value)} />
        </label>
        <button type="submit">{t('common.show')}</button>
        <button
          type="button"
          class="secondary"
          onClick={() => {
            setAsOf('');
            void load('');
          }}
        >
          {t('customers.now')}
        </button>
      </form>
      <ProblemMessage error={timeline.error} />
      {result && (
        <>
          <p class="headline" data-testid="owner-as-of" aria-live="polite">
            {shownDay ? t('customers.ownerAsOf', { date: shownDay, owner }) : t('customers.ownerLatest', { owner })}
          </p>
          <dl class="facts">
            <dt>{t('customers.protectedUntil')}</dt>
            <dd>{when(result.state.protectedUntil, language)}</dd>
            <dt>{t('customers.warning')}</dt>
            <dd data-testid="protection-warning">{result.state.warned ? t('customers.warned') : t('common.no')}</dd>
          </dl>
          <DataTable
            caption={t('customers.timeline')}
            fileName={`timeline-${customerId}${shownDay ? `-as-of-${shownDay}` : ''}.csv`}
            rows={result.entries}
            testId="timeline"
            engineCsv={() =>
              api.csv(withQuery(`/customers/${customerId}/timeline`, { asOf: result.asOf, limit: 1000, format: 'csv' }))
            }
            columns={[
              { header: t('col.when'), value: (e) => e.occurredAt, render: (e) => when(e.occurredAt, language) },
              { header: t('col.what'), value: (e) => e.sentence },
              { header: t('col.reason'), value: (e) => e.reason },
              { header: t('col.actor'), value: (e) => `${e.actorId} (${e.actorRole})` },
              { header: t('col.ownerAfter'), value: (e) => e.stateAfter.ownerId },
            ]}
          />
        </>
      )}
    </section>
  );
}
