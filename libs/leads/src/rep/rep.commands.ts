import type { DepartureMode } from './rep.events';

export type RepCommand =
  | {
      readonly kind: 'RegisterRep';
      readonly repId: string;
      readonly name: string;
      readonly email: string;
      readonly team: string;
    }
  | {
      readonly kind: 'DepartRep';
      readonly mode: DepartureMode;
      readonly successor: { readonly repId: string; readonly active: boolean } | null;
      readonly reason: string;
    }
  /** A manager hands all of an active rep's customers and open leads to another active rep. */
  | {
      readonly kind: 'RequestHandOver';
      readonly toRepId: string;
      /** Whether the successor is an active rep, as the caller found in the successor's stream. */
      readonly successorActive: boolean;
      readonly reason: string;
      readonly byActorId: string;
    };
