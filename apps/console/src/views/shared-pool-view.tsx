import { useContext, useEffect, useState } from 'preact/hooks';
import { ApiProblem, segment, withQuery } from '../api';
import { DataTable } from '../components/data-table';
import { Notice, ProblemMessage } from '../components/problem-message';
import { useRequest } from '../components/use-request';
import { when } from '../format';
import { LanguageContext, codeLabel } from '../i18n/i18n';
import { isManager, useSession } from '../session';
import type { CustomerView } from './customer-types';
import { ClaimRules } from './claim-rules';

interface ReleasedCustomer {
  readonly customerId: string;
  readonly name: string | null;
  readonly company: string | null;
  readonly releasedAt: string | null;
  readonly releaseReason: string | null;
  readonly formerOwnerId: string | null;
}

interface Page {
  readonly items: readonly ReleasedCustomer[];
  readonly total: number;
  readonly nextOffset: number | null;
}

/** The shared pool (公海): customers nobody owns after a release, newest first, and claiming one. */
export function SharedPoolView() {
  const { api, role } = useSession();
  const { t, language } = useContext(LanguageContext);
  const [offset, setOffset] = useState(0);
  const [claimFor, setClaimFor] = useState('');
  const page = useRequest<Page>();
  const [notice, setNotice] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<unknown>(null);
  const load = (at: number) =>
    page.run(() => api.get<Page>(withQuery('/customers', { status: 'released', limit: 20, offset: at })));
  useEffect(() => void load(offset), [offset]);

  const mayClaim = role === 'rep' || isManager(role);
  const claim = async (customer: ReleasedCustomer) => {
    setRefusal(null);
    setNotice(null);
    try {
      const body = role === 'rep' ? {} : { repId: claimFor.trim() };
      const claimed = await api.post<CustomerView>(`/customers/${segment(customer.customerId)}/claim`, body);
      setNotice(
        t('shared.claimed', {
          owner: claimed.owner?.repId,
          until: when(claimed.owner?.protectedUntil, language),
        }),
      );
      // The claim's answer is current; the list's read model may still hold the customer for a moment.
      const shown = page.result;
      if (shown) {
        const items = shown.items.filter((c) => c.customerId !== customer.customerId);
        page.setResult({ ...shown, items, total: shown.total - (shown.items.length - items.length) });
      }
    } catch (error) {
      setRefusal(error);
    }
  };

  return (
    <>
      <ClaimRules />
      <section aria-labelledby="released-heading">
        <h2 id="released-heading">{t('shared.released')}</h2>
        {isManager(role) && (
          <label>
            {t('shared.claimFor')}
            <input value={claimFor} onInput={(e) => setClaimFor(e.currentTarget.value)} />
          </label>
        )}
        <Notice text={notice} />
        <RefusedClaim error={refusal} />
        <ProblemMessage error={page.error} />
        {page.result && (
          <DataTable
            caption={`${t('shared.released')} (${page.result.total})`}
            fileName="shared-pool.csv"
            rows={page.result.items}
            testId="released-customers"
            columns={[
              { header: t('shared.customer'), value: (c) => c.customerId },
              { header: t('shared.name'), value: (c) => [c.name, c.company].filter(Boolean).join(' · ') },
              {
                header: t('shared.releasedAt'),
                value: (c) => c.releasedAt,
                render: (c) => when(c.releasedAt, language),
              },
              { header: t('shared.releaseReason'), value: (c) => codeLabel(t, 'releaseReason', c.releaseReason) },
              { header: t('shared.formerOwner'), value: (c) => c.formerOwnerId },
              ...(mayClaim
                ? [
                    {
                      header: t('common.actions'),
                      value: () => '',
                      render: (c: ReleasedCustomer) => (
                        <button
                          type="button"
                          aria-label={`${t('shared.claim')} ${c.name ?? c.customerId}`}
                          onClick={() => claim(c)}
                        >
                          {t('shared.claim')}
                        </button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
        {page.result?.nextOffset != null && (
          <button type="button" class="secondary" onClick={() => setOffset(page.result?.nextOffset ?? 0)}>
            {t('shared.more')}
          </button>
        )}
      </section>
    </>
  );
}

/** A refused claim says which rule refused it and when it resets, or who protects the customer. */
function RefusedClaim({ error }: { error: unknown }) {
  const { t, language } = useContext(LanguageContext);
  if (!(error instanceof ApiProblem) || error.status !== 409) return <ProblemMessage error={error} />;
  const current = (error.body.current ?? {}) as Record<string, string | number | null>;
  const detail =
    typeof current.rule === 'string'
      ? t('shared.refusedRule', {
          rule: current.rule,
          limit: current.limit,
          resetsAt: when(current.resetsAt as string | null, language),
        })
      : error.code === 'CustomerProtected'
        ? t('shared.protected', { owner: current.ownerId, until: when(current.protectedUntil as string, language) })
        : '';
  return (
    <div role="alert" class="problem" data-testid="claim-refusal">
      <p>{t('common.refused', { code: error.code, message: error.message })}</p>
      {detail && <p>{detail}</p>}
    </div>
  );
}
