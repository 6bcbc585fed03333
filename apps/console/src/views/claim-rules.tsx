import { useEffect } from 'preact/hooks';
import { ProblemMessage } from '../components/problem-message';
import { useRequest } from '../components/use-request';
import { useT } from '../i18n/i18n';
import { useSession } from '../session';

interface SharedPoolRules {
  readonly policyVersion: number;
  readonly rules: { claimsPerDay: number | null; reclaimCoolDownDays: number; maxCustomersPerRep: number | null };
}

/** The shared pool's claim rules in force (one versioned policy for the company). */
export function ClaimRules() {
  const { api } = useSession();
  const t = useT();
  const rules = useRequest<SharedPoolRules>();
  useEffect(() => void rules.run(() => api.get<SharedPoolRules>('/shared-pool/rules')), []);
  const shown = rules.result;
  const limit = (value: number | null) => (value === null ? t('shared.unlimited') : value);
  return (
    <section aria-labelledby="rules-heading">
      <h2 id="rules-heading">{t('shared.rules', { version: shown?.policyVersion })}</h2>
      <ProblemMessage error={rules.error} />
      {shown && (
        <>
          <dl class="facts" data-testid="claim-rules">
            <dt>{t('shared.claimsPerDay')}</dt>
            <dd>{limit(shown.rules.claimsPerDay)}</dd>
            <dt>{t('shared.coolDown')}</dt>
            <dd>{shown.rules.reclaimCoolDownDays}</dd>
            <dt>{t('shared.holdingCap')}</dt>
            <dd>{limit(shown.rules.maxCustomersPerRep)}</dd>
          </dl>
        </>
      )}
    </section>
  );
}
