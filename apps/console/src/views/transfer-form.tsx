import { useState } from 'preact/hooks';
import { segment } from '../api';
import { Notice, ProblemMessage } from '../components/problem-message';
import { useT } from '../i18n/i18n';
import { useSession } from '../session';
import type { CustomerView } from './customer-types';

interface Props {
  readonly customerId: string;
  readonly onTransferred: (customer: CustomerView) => void;
}

/** A manager fixes ownership (移交): to another rep, with the reason recorded in the event. */
export function TransferForm({ customerId, onTransferred }: Props) {
  const { api } = useSession();
  const t = useT();
  const [toRepId, setToRepId] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setNotice(null);
    try {
      const body = { toRepId: toRepId.trim(), reason };
      const transferred = await api.post<CustomerView>(`/customers/${segment(customerId)}/transfer`, body);
      onTransferred(transferred);
      setNotice(t('customers.transferred', { owner: transferred.owner?.repId }));
      setToRepId('');
      setReason('');
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <form class="panel" onSubmit={submit} aria-labelledby="transfer-heading">
      <h2 id="transfer-heading">{t('customers.transfer')}</h2>
      <label>
        {t('customers.transferTo')}
        <input required value={toRepId} onInput={(e) => setToRepId(e.currentTarget.value)} />
      </label>
      <label>
        {t('common.reason')}
        <textarea required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      <button type="submit">{t('customers.transfer')}</button>
      <Notice text={notice} />
      <ProblemMessage error={error} />
    </form>
  );
}
