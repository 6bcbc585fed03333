import { useSession } from '../session';
import { PayoutPanel } from './payout-panel';
import { ReconciliationPanel } from './reconciliation-panel';
import { StatementPanel } from './statement-panel';

/** Statements for everyone who may read one; reconciliation and payouts for the roles the API admits. */
export function FinanceView() {
  const { role } = useSession();
  return (
    <>
      <StatementPanel />
      {(role === 'finance' || role === 'admin') && <ReconciliationPanel />}
      {role !== 'rep' && <PayoutPanel />}
    </>
  );
}
