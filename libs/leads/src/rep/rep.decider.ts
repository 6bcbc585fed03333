import { type Decider, assertNever, refuse } from '@leadledger/kernel';
import type { RepCommand } from './rep.commands';
import type { RepEvent } from './rep.events';

type Registered = Extract<RepEvent, { type: 'RepRegistered' }>['data'];

export type RepState =
  | { readonly status: 'absent' }
  | { readonly status: 'active'; readonly rep: Registered }
  | { readonly status: 'departed'; readonly rep: Registered; readonly successorRepId: string | null };

/**
 * A rep is registered once and departs once. A hand-off names an active successor other
 * than the rep; a release hands everything back to the shared pool. The per-customer
 * transfers that follow are the departure workflow's, each its own recorded event.
 */
export const repDecider: Decider<RepCommand, RepState, RepEvent> = {
  initialState: { status: 'absent' },
  decide(command, state) {
    switch (command.kind) {
      case 'RegisterRep': {
        if (state.status !== 'absent')
          return refuse('RepAlreadyRegistered', 'This rep is already registered', { status: state.status });
        const { kind: _kind, ...data } = command;
        if (data.name.trim() === '') return refuse('RepNeedsName', 'A rep needs a name');
        return [
          { type: 'RepRegistered', data: { ...data, name: data.name.trim(), email: data.email.trim().toLowerCase() } },
        ];
      }
      case 'DepartRep': {
        if (state.status === 'absent') return refuse('RepNotFound', 'No such rep');
        if (state.status === 'departed') {
          return refuse('RepAlreadyDeparted', 'This rep has already departed', {
            successorRepId: state.successorRepId,
          });
        }
        if (command.reason.trim() === '') return refuse('ReasonRequired', 'A departure needs a reason');
        const successor = command.successor;
        if (command.mode === 'hand-off') {
          if (!successor) return refuse('SuccessorRequired', 'A hand-off names the rep who takes over');
          if (successor.repId === state.rep.repId)
            return refuse('SuccessorIsDeparting', 'A rep cannot hand over to themselves');
          if (!successor.active)
            return refuse('SuccessorNotActive', 'The successor is not an active rep', {
              successorRepId: successor.repId,
            });
        }
        return [
          {
            type: 'RepDeparted',
            data: {
              repId: state.rep.repId,
              mode: command.mode,
              successorRepId: command.mode === 'hand-off' ? successor!.repId : null,
              reason: command.reason.trim(),
            },
          },
        ];
      }
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
      default:
        return assertNever(event);
    }
  },
};
