import { useState } from 'preact/hooks';
import { shortId } from '../format';
import { codeLabel, useT } from '../i18n/i18n';
import type { LeadSummary } from './lead-types';

interface DeclineProps {
  readonly lead: LeadSummary;
  readonly onDecline: (reason: string) => void;
  readonly onCancel: () => void;
}

/** A decline needs its reason: the engine records it and the next rep's trace shows it. */
export function DeclineForm({ lead, onDecline, onCancel }: DeclineProps) {
  const t = useT();
  const [reason, setReason] = useState('');
  return (
    <form
      class="panel"
      onSubmit={(e) => {
        e.preventDefault();
        onDecline(reason);
      }}
    >
      <label>
        {t('leads.declineReason', { lead: shortId(lead.leadId) })}
        <textarea required autoFocus value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      <div class="actions">
        <button type="submit">{t('leads.confirmDecline')}</button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

const FOLLOW_UP_KINDS = ['call', 'visit', 'message', 'quote', 'meeting'] as const;

interface FollowUpProps {
  readonly lead: LeadSummary;
  readonly onLog: (kind: string, note: string) => void;
  readonly onCancel: () => void;
}

/** A follow-up (跟进) on the lead's customer: it extends the owner's protection. */
export function FollowUpForm({ lead, onLog, onCancel }: FollowUpProps) {
  const t = useT();
  const [kind, setKind] = useState<string>('call');
  const [note, setNote] = useState('');
  return (
    <form
      class="panel"
      onSubmit={(e) => {
        e.preventDefault();
        onLog(kind, note);
      }}
    >
      <p>
        {t('leads.followUp')}: <code>{shortId(lead.leadId)}</code>
      </p>
      <label>
        {t('leads.followUpKind')}
        <select value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
          {FOLLOW_UP_KINDS.map((k) => (
            <option value={k}>{codeLabel(t, 'followUpKind', k)}</option>
          ))}
        </select>
      </label>
      <label>
        {t('leads.followUpNote')}
        <textarea required maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <div class="actions">
        <button type="submit">{t('leads.logFollowUp')}</button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
