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
    };
