import { useRef, useState } from 'preact/hooks';
import { segment } from '../api';
import { DataTable } from '../components/data-table';
import { Notice, ProblemMessage } from '../components/problem-message';
import { useRequest } from '../components/use-request';
import { money } from '../format';
import { useT } from '../i18n/i18n';
import { useSession } from '../session';
import { type PayoutPreview, type PayoutRun, lastMonth } from './finance-types';

/** What a payout run would pay, and (finance, admin) the run itself, only after a confirmation. */
export function PayoutPanel() {
  const { api, role } = useSession();
  const t = useT();
  const [period, setPeriod] = useState(lastMonth());
  const preview = useRequest<PayoutPreview>();
  const [notice, setNotice] = useState<string | null>(null);
  const [runError, setRunError] = useState<unknown>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const mayRun = role === 'finance' || role === 'admin';
  const shown = preview.result;

  const run = async () => {
    dialog.current?.close();
    if (!shown) return;
    setRunError(null);
    try {
      const done = await api.post<PayoutRun>('/payout-runs', { period: shown.period });
      setNotice(t('finance.ranRun', { id: done.payoutRunId, count: shown.payouts.length, period: shown.period }));
      preview.setResult(null);
    } catch (error) {
      setRunError(error);
    }
  };

  return (
    <section aria-labelledby="payout-heading">
      <h2 id="payout-heading">{t('finance.payout')}</h2>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          setNotice(null);
          void preview.run(() => api.get<PayoutPreview>(`/payout-runs/${segment(period.trim())}/preview`));
        }}
      >
        <label>
          {t('common.period')}
          <input required value={period} onInput={(e) => setPeriod(e.currentTarget.value)} />
        </label>
        <button type="submit">{t('finance.preview')}</button>
      </form>
      <Notice text={notice} />
      <ProblemMessage error={preview.error ?? runError} />
      {shown && (
        <>
          <DataTable
            caption={`${t('finance.wouldPay')}: ${shown.period}`}
            fileName={`payout-preview-${shown.period}.csv`}
            rows={shown.payouts}
            testId="payout-preview"
            columns={[
              { header: t('finance.payeeColumn'), value: (p) => `${p.payee.kind}:${p.payee.id}` },
              { header: t('finance.currency'), value: (p) => p.currency },
              {
                header: t('finance.amount'),
                value: (p) => String(p.amount),
                render: (p) => money(p.amount),
                numeric: true,
              },
            ]}
          />
          {mayRun && (
            <button type="button" onClick={() => dialog.current?.showModal()}>
              {t('finance.run')}
            </button>
          )}
        </>
      )}
      <dialog ref={dialog} aria-labelledby="confirm-heading" aria-describedby="confirm-text">
        <h2 id="confirm-heading">{t('finance.confirmHeading', { period: shown?.period })}</h2>
        <p id="confirm-text">
          {t('finance.confirmText', { count: shown?.payouts.length ?? 0, period: shown?.period })}
        </p>
        <div class="actions">
          <button type="button" onClick={run}>
            {t('finance.confirm')}
          </button>
          {/* The safe choice has the focus when the dialog opens: Enter alone never pays. */}
          <button type="button" class="secondary" autoFocus onClick={() => dialog.current?.close()}>
            {t('common.cancel')}
          </button>
        </div>
      </dialog>
    </section>
  );
}
