import { getRep } from '@leadledger/leads';
import type { ReadModelConnection } from '@leadledger/projections';
import type { RepNames } from '@leadledger/timelines';

/** Reps' names from the directory, each looked up once per answer; an unknown id stays an id. */
export function repNamesFrom(db: ReadModelConnection): RepNames {
  const known = new Map<string, string>();
  return (repId) => {
    let name = known.get(repId);
    if (name === undefined) {
      name = getRep(db, repId)?.name ?? repId;
      known.set(repId, name);
    }
    return name;
  };
}
