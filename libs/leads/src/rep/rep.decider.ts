import { type Decider, type Decision, type Refusal, assertNever, refuse } from '@leadledger/kernel';
import type { RepCommand } from './rep.commands';
import type { RepEvent } from './rep.events';

type Registered = Extract<RepEvent, { type: 'RepRegistered' }>['data'];
type Command<K extends RepCommand['kind']> = Extract<RepCommand, { kind: K }>;

export type RepState =
  | { readonly status: 'absent' }
  | { readonly status: 'active'; readonly rep: Registered }
  | { readonly status: 'departed'; readonly rep: Registered; readonly successorRepId: string | null };

/** The refusal for acting on a rep who is not, or no longer, active. */
function notActive(state: Exclude<RepState, { status: 'active' }>): Refusal {
  if (state.status === 'absent') return refuse('RepNotFound', 'No such rep');
  return refuse('RepAlreadyDeparted', 'This rep has already departed', { successorRepId: state.successorRepId });
}

const reasonMissing = (reason: string, what: string): Refusal | null =>
  reason.trim() === '' ? refuse('ReasonRequired', `${what} needs a reason`) : null;

function register(command: Command<'RegisterRep'>, state: RepState): Decision<RepEvent> {
  if (state.status !== 'absent')
    return refuse('RepAlreadyRegistered', 'This rep is already registered', { status: state.status });
  const { kind: _kind, ...data } = command;
  if (data.name.trim() === '') return refuse('RepNeedsName', 'A rep needs a name');
  const email = data.email.trim().toLowerCase();
  return [{ type: 'RepRegistered', data: { ...data, name: data.name.trim(), email, team: data.team.trim() } }];
}

function depart(command: Command<'DepartRep'>, state: RepState): Decision<RepEvent> {
  if (state.status !== 'active') return notActive(state);
  const refusal = reasonMissing(command.reason, 'A departure');
  if (refusal) return refusal;
  const successor = command.successor;
  if (command.mode === 'hand-off') {
    if (!successor) return refuse('SuccessorRequired', 'A hand-off names the rep who takes over');
    if (successor.repId === state.rep.repId)
      return refuse('SuccessorIsDeparting', 'A rep cannot hand over to themselves');
    if (!successor.active)
      return refuse('SuccessorNotActive', 'The successor is not an active rep', { successorRepId: successor.repId });
  }
  const successorRepId = command.mode === 'hand-off' ? successor!.repId : null;
  const data = { repId: state.rep.repId, mode: command.mode, successorRepId, reason: command.reason.trim() };
  return [{ type: 'RepDeparted', data }];
}

/** A rep who stays hands everything to a colleague (a team change, a long leave): the rep remains active. */
function requestHandOver(command: Command<'RequestHandOver'>, state: RepState): Decision<RepEvent> {
  if (state.status !== 'active') return notActive(state);
  const refusal = reasonMissing(command.reason, 'A hand-over');
  if (refusal) return refusal;
  if (command.toRepId === state.rep.repId)
    return refuse('SuccessorIsSameRep', 'A rep cannot hand over to themselves', { repId: command.toRepId });
  if (!command.successorActive)
    return refuse('SuccessorNotActive', 'The successor is not an active rep', { successorRepId: command.toRepId });
  const { toRepId, byActorId } = command;
  return [
    {
      type: 'RepHandOverRequested',
      data: { repId: state.rep.repId, toRepId, reason: command.reason.trim(), byActorId },
    },
  ];
}

/**
 * A rep is registered once and departs once. A hand-off names an active successor other
 * than the rep; a release hands everything back to the shared pool. The per-customer
 * transfers that follow a departure or a hand-over are a workflow's, each its own event.
 */
export const repDecider: Decider<RepCommand, RepState, RepEvent> = {
  initialState: { status: 'absent' },
  decide(command, state) {
    switch (command.kind) {
      case 'RegisterRep':
        return register(command, state);
      case 'DepartRep':
        return depart(command, state);
      case 'RequestHandOver':
        return requestHandOver(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'RepRegistered':
        return { status: 'active', rep: event.data };
      case 'RepDeparted':
        return state.status === 'absent'
          ? state
          : { status: 'departed', rep: state.rep, successorRepId: event.data.successorRepId };
      case 'RepHandOverRequested':
        return state;
      default:
        return assertNever(event);
    }
  },
};
