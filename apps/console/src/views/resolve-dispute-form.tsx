import { useState } from 'preact/hooks';
import { useT } from '../i18n/i18n';

/** A manager's decision: upheld (optionally moving the customer now) or rejected, with the reason. */
export function ResolveDisputeForm({ onResolve }: { onResolve: (body: object) => void }) {
  const t = useT();
  const [outcome, setOutcome] = useState<'upheld' | 'rejected'>('upheld');
  const [reason, setReason] = useState('');
  const [transferTo, setTransferTo] = useState('');
  const submit = (event: Event) => {
    event.preventDefault();
    const transfer = outcome === 'upheld' && transferTo.trim() ? { transfer: { toRepId: transferTo.trim() } } : {};
    onResolve({ outcome, reason, ...transfer });
  };
  return (
    <form class="panel" onSubmit={submit} aria-labelledby="resolve-heading">
      <h3 id="resolve-heading">{t('disputes.resolve')}</h3>
      <label>
        {t('disputes.outcome')}
        <select value={outcome} onChange={(e) => setOutcome(e.currentTarget.value as 'upheld' | 'rejected')}>
          <option value="upheld">{t('disputes.upheld')}</option>
          <option value="rejected">{t('disputes.rejected')}</option>
        </select>
      </label>
      <label>
        {t('common.reason')}
        <textarea required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      {outcome === 'upheld' && (
        <label>
          {t('disputes.transferTo')}
          <input value={transferTo} onInput={(e) => setTransferTo(e.currentTarget.value)} />
        </label>
      )}
      <button type="submit">{t('disputes.resolve')}</button>
    </form>
  );
}
