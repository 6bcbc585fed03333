import { isRefusal } from '@leadledger/kernel';
import type { LeadReceivedData } from './lead.events';
import { type MatchedCustomer, routeLead } from './lead-routing-rules';

/** A lead's first routing, decided again from what the log says was known then. */
export interface LeadRouteReplay {
  readonly replayed: { readonly rule: string; readonly repId: string | null } | { readonly refused: string };
  readonly identical: boolean;
  readonly differences: readonly { readonly input: string; readonly recorded: unknown; readonly replayed: unknown }[];
}

/**
 * Re-runs the routing rules (owner, receiver, sourcing rep, pool) on the lead as received and
 * the customer as its events stood just before the assignment, and compares the rule and the
 * rep with the recorded ones. A pool rotation names no rep here: the pool's own replay does.
 */
export function replayLeadRoute(
  lead: LeadReceivedData,
  customer: MatchedCustomer,
  recorded: { readonly rule: string; readonly repId: string },
): LeadRouteReplay {
  const route = routeLead({ channel: lead.channel, receivedBy: lead.receivedBy, poolId: lead.poolId, customer });
  if (isRefusal(route)) {
    const differences = [{ input: 'rule', recorded: recorded.rule, replayed: route.code }];
    return { replayed: { refused: route.code }, identical: false, differences };
  }
  const repId = route.rule === 'pool-rotation' ? null : route.repId;
  const differences = [];
  if (route.rule !== recorded.rule) differences.push({ input: 'rule', recorded: recorded.rule, replayed: route.rule });
  if (repId !== null && repId !== recorded.repId) {
    differences.push({ input: 'repId', recorded: recorded.repId, replayed: repId });
  }
  return { replayed: { rule: route.rule, repId }, identical: differences.length === 0, differences };
}
