import { useContext, useEffect, useState } from 'preact/hooks';
import { ApiProblem, segment, withQuery } from '../api';
import { DataTable } from '../components/data-table';
import { ProblemMessage } from '../components/problem-message';
import { useRequest } from '../components/use-request';
import { when } from '../format';
import { LanguageContext, codeLabel } from '../i18n/i18n';
import { isManager, useSession } from '../session';
import { customerIdentity, firstLeadOf } from './customer-identity';
import type { CustomerView } from './customer-types';
import type { LeadSummary } from './lead-types';
import { OwnershipTimeline } from './ownership-timeline';
import { TransferForm } from './transfer-form';

type KeyKind = 'phone' | 'email' | 'company';

/** Who owns a customer found by phone, e-mail or company, since when, and how it came to be. */
export function CustomersView() {
  const { api, role } = useSession();
  const { t, language } = useContext(LanguageContext);
  const [kind, setKind] = useState<KeyKind>('phone');
  const [value, setValue] = useState('');
  const lookup = useRequest<CustomerView>();

  const search = (event: Event) => {
    event.preventDefault();
    void lookup.run(() => api.get<CustomerView>(withQuery('/customers', { [kind]: value.trim() })));
  };
  const customer = lookup.result;
  const error = lookup.error;
  // The name (and the company as typed) come from the customer's first lead; its keys identify it without.
  const [firstLead, setFirstLead] = useState<LeadSummary | null>(null);
  useEffect(() => {
    setFirstLead(null);
    let current = true;
    if (customer) void firstLeadOf(api, customer).then((lead) => current && setFirstLead(lead));
    return () => {
      current = false;
    };
  }, [customer?.customerId]);
  const identity = customer && customerIdentity(customer, firstLead);

  return (
    <section aria-labelledby="lookup-heading">
      <h2 id="lookup-heading" class="visually-hidden">
        {t('customers.heading')}
      </h2>
      <form class="row" onSubmit={search}>
        <label>
          {t('customers.keyKind')}
          <select value={kind} onChange={(e) => setKind(e.currentTarget.value as KeyKind)}>
            <option value="phone">{t('customers.phone')}</option>
            <option value="email">{t('customers.email')}</option>
            <option value="company">{t('customers.company')}</option>
          </select>
        </label>
        <label>
          {t('customers.value')}
          <input required value={value} onInput={(e) => setValue(e.currentTarget.value)} />
        </label>
        <button type="submit">{t('customers.search')}</button>
      </form>
      {error instanceof ApiProblem && error.code === 'CustomerOwnedByColleague' ? (
        <p role="alert" class="problem" data-testid="colleague-customer">
          {t('customers.colleague')}
        </p>
      ) : error instanceof ApiProblem && error.status === 404 ? (
        <p role="alert" class="problem">
          {t('customers.notFound')}
        </p>
      ) : (
        <ProblemMessage error={error} />
      )}
      {customer && identity && (
        <>
          <dl class="facts" data-testid="customer-facts">
            <dt>{t('shared.name')}</dt>
            <dd data-testid="customer-name">{identity.name ?? '—'}</dd>
            <dt>{t('customers.company')}</dt>
            <dd data-testid="customer-company">{identity.company ?? '—'}</dd>
            <dt>{t('customers.owner')}</dt>
            <dd data-testid="owner-now">
              {customer.owner
                ? `${customer.owner.repId} (${t('customers.since', { since: when(customer.owner.since, language), via: codeLabel(t, 'via', customer.owner.via) })})`
                : t('customers.nobody')}
            </dd>
            <dt>{t('customers.protectedUntil')}</dt>
            <dd>{when(customer.owner?.protectedUntil, language)}</dd>
            <dt>{t('customers.finder')}</dt>
            <dd>{customer.finderRepId ?? '—'}</dd>
            <dt>{t('customers.id')}</dt>
            <dd>
              <code>{customer.customerId}</code>
            </dd>
          </dl>
          <DataTable
            caption={t('customers.ownership')}
            fileName={`ownership-${customer.customerId}.csv`}
            rows={customer.ownership}
            columns={[
              { header: t('col.repId'), value: (i) => i.repId },
              { header: t('col.from'), value: (i) => i.from, render: (i) => when(i.from, language) },
              { header: t('col.to'), value: (i) => i.to, render: (i) => when(i.to, language) },
              { header: t('col.via'), value: (i) => codeLabel(t, 'via', i.via) },
              { header: t('col.reason'), value: (i) => i.reason },
            ]}
          />
          {isManager(role) && <TransferForm customerId={customer.customerId} onTransferred={lookup.setResult} />}
          {/* Keyed by the owner: a transfer made here shows in the timeline at once. */}
          <OwnershipTimeline key={customer.owner?.since} customerId={segment(customer.customerId)} />
        </>
      )}
    </section>
  );
}
