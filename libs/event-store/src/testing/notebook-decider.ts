import type { Decider } from '@leadledger/kernel';

export interface WriteNote {
  readonly text: string;
}
export interface NoteWritten {
  readonly type: 'NoteWritten';
  readonly data: { readonly text: string; readonly number: number };
}

/**
 * A decider that is not idempotent on purpose, like a manual adjustment: every command adds a
 * note, numbered. A retried command decided again would write a second note.
 */
export const notebookDecider: Decider<WriteNote, number, NoteWritten> = {
  initialState: 0,
  decide: ({ text }, notes) => [{ type: 'NoteWritten', data: { text, number: notes + 1 } }],
  evolve: (notes) => notes + 1,
};
