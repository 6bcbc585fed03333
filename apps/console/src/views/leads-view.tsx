import { useState } from 'preact/hooks';
import { useT } from '../i18n/i18n';
import { isManager, useSession } from '../session';
import { LeadInbox } from './lead-inbox';
import { ReviewQueue } from './review-queue';

/** A rep's inbox (a manager picks whose), and for managers the review queue of flagged leads. */
export function LeadsView() {
  const { role, repId } = useSession();
  const t = useT();
  const [chosenRep, setChosenRep] = useState('');
  const [shownRep, setShownRep] = useState<string | null>(repId);
  return (
    <>
      {isManager(role) && (
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            setShownRep(chosenRep.trim() || null);
          }}
        >
          <label>
            {t('leads.inboxOf')}
            <input value={chosenRep} onInput={(e) => setChosenRep(e.currentTarget.value)} />
          </label>
          <button type="submit">{t('leads.load')}</button>
        </form>
      )}
      {shownRep && <LeadInbox key={shownRep} repId={shownRep} />}
      {isManager(role) && <ReviewQueue />}
    </>
  );
}
