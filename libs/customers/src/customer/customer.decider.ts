import { type Decider, type Decision, type Refusal, assertNever, refuse } from '@leadledger/kernel';
import { addDays, isBefore, laterOf } from './business-time';
import type {
  AddIdentityKey,
  AssignOwnership,
  ClaimCustomer,
  CustomerCommand,
  LogFollowUp,
  RegisterCustomer,
  ReleaseCustomer,
  TransferCustomer,
  WarnProtectionEnding,
} from './customer.commands';
import type { CustomerEvent, OwnershipAssigned } from './customer.events';
import { type CustomerOwner, type CustomerState, evolveCustomer, initialCustomerState } from './customer.state';

type Registered = Exclude<CustomerState, { status: 'unregistered' }>;
type Assignment = Omit<OwnershipAssigned['data'], 'customerId' | 'since' | 'protectedUntil'>;

const unknown = (): Refusal => refuse('CustomerUnknown', 'No such customer');

/** Refuses a time that cannot be read, or one before the customer's latest change. */
function outOfOrder(at: string, state: Registered): Refusal | null {
  if (Number.isNaN(Date.parse(at))) return refuse('InvalidTime', 'The time is not an ISO 8601 instant', { at });
  if (isBefore(at, state.lastAt)) {
    return refuse('OccurredBeforeLastChange', "The time is before the customer's latest change", {
      lastChangeAt: state.lastAt,
    });
  }
  return null;
}

const reasonMissing = (reason: string): Refusal | null =>
  reason.trim() === '' ? refuse('ReasonRequired', 'A change of owner needs a reason') : null;

function assigned(customerId: string, at: string, assignment: Assignment): OwnershipAssigned {
  const data = { customerId, ...assignment, reason: assignment.reason.trim() };
  return { type: 'OwnershipAssigned', data: { ...data, since: at, protectedUntil: addDays(at, data.protectionDays) } };
}

/** The refusal for taking a customer a colleague still protects, or null. */
function protectedFrom(repId: string, at: string, state: Registered): Refusal | null {
  if (state.status !== 'owned' || state.owner.repId === repId || !isBefore(at, state.owner.protectedUntil)) return null;
  const { repId: ownerId, protectedUntil } = state.owner;
  return refuse('CustomerProtected', 'A colleague owns this customer and it is still protected', {
    ownerId,
    protectedUntil,
  });
}

function register(command: RegisterCustomer, state: CustomerState): Decision<CustomerEvent> {
  if (state.status !== 'unregistered') {
    if (state.customerId === command.customerId && state.firstLeadId === command.leadId) return [];
    return refuse('CustomerAlreadyRegistered', 'This customer is already registered', { customerId: state.customerId });
  }
  if (command.keys.length === 0)
    return refuse('CustomerNeedsIdentityKey', 'A customer needs at least one identity key');
  if (Number.isNaN(Date.parse(command.at))) return refuse('InvalidTime', 'The time is not an ISO 8601 instant');
  const { customerId, keys, leadId, channel, finderRepId, at, owner } = command;
  const registered: CustomerEvent = {
    type: 'CustomerRegistered',
    data: { customerId, keys, firstLeadId: leadId, firstLeadChannel: channel, finderRepId, registeredAt: at },
  };
  if (!owner) return [registered];
  const refusal = reasonMissing(owner.reason);
  if (refusal) return refusal;
  const { repId, via, reason, protectionDays, warningDays } = owner;
  const policy = { protectionDays, warningDays };
  return [registered, assigned(customerId, at, { repId, via, reason, leadId, byActorId: null, ...policy })];
}

function addKey(command: AddIdentityKey, state: CustomerState): Decision<CustomerEvent> {
  if (state.status === 'unregistered') return unknown();
  const { key, leadId } = command;
  if (state.keys.some((known) => known.kind === key.kind && known.value === key.value)) return [];
  return [{ type: 'CustomerIdentityKeyAdded', data: { customerId: state.customerId, key, leadId } }];
}

/** The lead was re-routed before anyone accepted it and its owner got the customer through it. */
/** The owner of the customer now, when they got it through `leadId` (a routing of that very lead). */
const ownerThrough = (state: Registered, leadId: string | null): string | null =>
  leadId !== null && state.status === 'owned' && state.owner.leadId === leadId ? state.owner.repId : null;

const followsItsLead = (command: AssignOwnership, state: Registered): boolean =>
  command.replacesLeadOwner === true && ownerThrough(state, command.leadId) !== null;

function assign(command: AssignOwnership, state: CustomerState): Decision<CustomerEvent> {
  if (state.status === 'unregistered') return unknown();
  const { repId, via, reason, leadId, at, protectionDays, warningDays } = command;
  const refusal =
    outOfOrder(at, state) ??
    reasonMissing(reason) ??
    (followsItsLead(command, state) ? null : protectedFrom(repId, at, state));
  if (refusal) return refusal;
  // A lead for the rep who already owns the customer changes nothing about ownership.
  if (state.status === 'owned' && state.owner.repId === repId) return [];
  const assignment = { repId, via, reason, leadId, byActorId: null, protectionDays, warningDays };
  return [assigned(state.customerId, at, assignment)];
}

/** The owner got the customer through the lead being claimed, then passed on that lead: it goes with the lead. */
function passedOnItsLead({ withLead }: ClaimCustomer, state: Registered): boolean {
  if (!withLead) return false;
  const owner = ownerThrough(state, withLead.leadId);
  return owner !== null && withLead.passedOver.includes(owner);
}

function claim(command: ClaimCustomer, state: CustomerState): Decision<CustomerEvent> {
  if (state.status === 'unregistered') return unknown();
  const { repId, protectionDays, warningDays, reclaimCoolDownDays = 0 } = command;
  const at = command.now ? laterOf(command.at, state.lastAt) : command.at;
  if (state.status === 'owned' && state.owner.repId === repId) {
    return refuse('AlreadyOwner', 'You already own this customer', { ownerId: repId });
  }
  const withItsLead = passedOnItsLead(command, state);
  const refusal = outOfOrder(at, state) ?? (withItsLead ? null : protectedFrom(repId, at, state));
  if (refusal) return refusal;
  const releasedAt = state.releasedAt.get(repId);
  // `> 0` may be `>= 0` or dropped (equivalent): with no cool-down, `at` (not before the release,
  // the latest change) is never before `releasedAt`.
  if (releasedAt !== undefined && reclaimCoolDownDays > 0) {
    const canReclaimFrom = addDays(releasedAt, reclaimCoolDownDays);
    if (isBefore(at, canReclaimFrom)) {
      return refuse('ReclaimTooSoon', 'This customer was released from you too recently to claim it back', {
        releasedAt,
        canReclaimFrom,
      });
    }
  }
  const reason = withItsLead
    ? 'claimed with the lead that brought it, which its owner passed on'
    : state.status === 'owned'
      ? "claimed after the owner's protection ended"
      : 'claimed from the shared pool';
  const policy = { protectionDays, warningDays };
  return [assigned(state.customerId, at, { repId, via: 'claim', reason, leadId: null, byActorId: repId, ...policy })];
}

function followUp(command: LogFollowUp, state: CustomerState): Decision<CustomerEvent> {
  if (state.status === 'unregistered') return unknown();
  if (state.status !== 'owned' || state.owner.repId !== command.repId) {
    const ownerId = state.status === 'owned' ? state.owner.repId : null;
    return refuse('NotOwner', 'Only the owner logs follow-ups on this customer', { ownerId });
  }
  const { repId, followUpKind, note, at } = command;
  const refusal = outOfOrder(at, state);
  if (refusal) return refusal;
  // By the owner's own policy (a pool's, or the default), and never shorter than protection already is.
  const protectedUntil = laterOf(state.owner.protectedUntil, addDays(at, state.owner.protectionDays));
  const data = { customerId: state.customerId, repId, kind: followUpKind, note, at, protectedUntil };
  return [{ type: 'FollowUpLogged', data }];
}

/** How late a warning may go out (a pass of the scheduler) before the owner is owed its full notice. */
const WARNING_GRACE_MS = 60 * 60 * 1000;

function warn(command: WarnProtectionEnding, state: CustomerState): Decision<CustomerEvent> {
  if (state.status === 'unregistered') return unknown();
  const refusal = outOfOrder(command.at, state);
  if (refusal) return refusal;
  if (state.status !== 'owned' || state.owner.warned || state.owner.warningDays === 0) return [];
  const { repId, protectedUntil, warningDays } = state.owner;
  const { customerId } = state;
  const { at } = command;
  const dueAt = addDays(protectedUntil, -warningDays);
  if (isBefore(at, dueAt)) return [];
  // Going out more than the grace after it was due (nothing ran then: the engine was down, or the
  // ownership was loaded with a past date), the warning still gives its full days: the end moves.
  if (Date.parse(at) - Date.parse(dueAt) > WARNING_GRACE_MS) {
    const extended = { protectedUntil: addDays(at, warningDays), extendedFrom: protectedUntil };
    return [{ type: 'ProtectionWarningIssued', data: { customerId, repId, ...extended, at } }];
  }
  return [{ type: 'ProtectionWarningIssued', data: { customerId, repId, protectedUntil, at } }];
}

/** An owner whose policy promises a warning and who has not had it for this window. */
const awaitsWarning = (owner: CustomerOwner): boolean => owner.warningDays > 0 && !owner.warned;

function release(command: ReleaseCustomer, state: CustomerState): Decision<CustomerEvent> {
  if (state.status === 'unregistered') return unknown();
  // Already in the pool, or no longer the named rep's: a repeated sweep or a double click changes nothing.
  if (state.status !== 'owned') return [];
  if (command.repId !== undefined && state.owner.repId !== command.repId) return [];
  const { at, reason } = command;
  const refusal = outOfOrder(at, state);
  if (refusal) return refusal;
  const { repId, protectedUntil } = state.owner;
  if (reason === 'protection-expired' && isBefore(at, protectedUntil)) {
    return refuse('StillProtected', 'The protection period has not ended', { protectedUntil });
  }
  if (reason === 'protection-expired' && awaitsWarning(state.owner)) {
    return refuse('NotWarned', 'The owner has not been warned that protection ends', { protectedUntil });
  }
  return [{ type: 'CustomerReleased', data: { customerId: state.customerId, repId, reason, at } }];
}

function transfer(command: TransferCustomer, state: CustomerState): Decision<CustomerEvent> {
  if (state.status === 'unregistered') return unknown();
  const { toRepId, byActorId, reason, at, protectionDays, warningDays, via, fromRepId } = command;
  const ownerId = state.status === 'owned' ? state.owner.repId : null;
  if (fromRepId !== undefined && ownerId !== fromRepId) {
    return refuse('NotOwner', 'The rep this transfer moves the customer from no longer owns it', { ownerId });
  }
  const refusal = outOfOrder(at, state) ?? reasonMissing(reason);
  if (refusal) return refusal;
  if (ownerId === toRepId) return refuse('AlreadyOwner', 'This rep already owns the customer', { ownerId });
  const assignment = { repId: toRepId, via, reason, leadId: null, byActorId, protectionDays, warningDays };
  return [assigned(state.customerId, at, assignment)];
}

/** The rules of one customer: its keys, its one owner at a time, protection, claims and hand-offs. */
export const customerDecider: Decider<CustomerCommand, CustomerState, CustomerEvent> = {
  initialState: initialCustomerState,
  decide(command, state) {
    switch (command.kind) {
      case 'RegisterCustomer':
        return register(command, state);
      case 'AddIdentityKey':
        return addKey(command, state);
      case 'AssignOwnership':
        return assign(command, state);
      case 'ClaimCustomer':
        return claim(command, state);
      case 'LogFollowUp':
        return followUp(command, state);
      case 'WarnProtectionEnding':
        return warn(command, state);
      case 'ReleaseCustomer':
        return release(command, state);
      case 'TransferCustomer':
        return transfer(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve: evolveCustomer,
};
