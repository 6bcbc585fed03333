export const repStreamId = (repId: string): string => `rep-${repId}`;

/** What happens to a departing rep's customers and open leads. */
export type DepartureMode = 'hand-off' | 'release';

export type RepEvent =
  | {
      readonly type: 'RepRegistered';
      readonly data: { readonly repId: string; readonly name: string; readonly email: string; readonly team: string };
    }
  | {
      readonly type: 'RepDeparted';
      readonly data: {
        readonly repId: string;
        readonly mode: DepartureMode;
        /** Who takes everything over, for a hand-off; null when released to the shared pool (公海). */
        readonly successorRepId: string | null;
        readonly reason: string;
      };
    }
  | {
      /** Everything the rep owns and holds goes to `toRepId`; the hand-over workflow records each transfer. */
      readonly type: 'RepHandOverRequested';
      readonly data: {
        readonly repId: string;
        readonly toRepId: string;
        readonly reason: string;
        readonly byActorId: string;
      };
    };

export const REP_EVENT_TYPES: readonly RepEvent['type'][] = ['RepRegistered', 'RepDeparted', 'RepHandOverRequested'];
