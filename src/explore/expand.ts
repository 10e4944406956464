/**
 * One worker's share of a breadth-first level: the states with ids [from, to) expanded, every
 * successor within the bounds checked against the invariants and fingerprinted. The searching
 * thread merges the shares in id order (src/explore/parallel.ts), so the search makes exactly
 * the decisions the one-thread search makes.
 *
 * A successor is one record of RECORD integers: its parent id, its enabled-event number, its
 * fingerprint's two halves, flags (bit 31: it breaks an invariant; bits 0–30: witnesses it reaches
 * that were not reached before the level), and the transitions since the previous record,
 * itself included (so the merge counts exactly the transitions before a stop).
 */
import { FingerprintSet } from "./fingerprints.ts";
import type { PathStates } from "./path-states.ts";
import type { Space } from "./space.ts";

export const RECORD = 6;
export const BREAKS = 1 << 31;

export interface Share {
  /** RECORD integers per successor, `count` of them. */
  readonly records: Int32Array;
  readonly count: number;
  /** Transitions after the last record (to successors outside the bounds or seen in this share). */
  readonly tail: number;
}

export function expandShare(
  space: Space,
  path: PathStates,
  range: { readonly from: number; readonly to: number; readonly depth: number; readonly unknown: number },
): Share {
  let records = new Int32Array(RECORD * 1024);
  let count = 0;
  let since = 0;
  // A successor met twice in one share would be merged as a duplicate anyway: send it once.
  const sent = new FingerprintSet({ slots: 1 << 12 });
  const { from, to, depth, unknown } = range;
  share: for (let id = from; id < to; id++) {
    const state = path.stateOf(id, depth);
    const events = path.eventsAt(depth);
    for (let choice = 0; choice < events.length; choice++) {
      const after = space.step(state, events[choice]!);
      if (after === state) continue;
      since++;
      if (!space.within(after)) continue;
      const breaks = space.broken(after, state);
      let flags = BREAKS;
      if (!breaks) {
        space.fingerprint(after);
        if (!sent.add(space.bytes.high, space.bytes.low)) continue;
        flags = unknown === 0 ? 0 : space.reachedMask(after, state, unknown);
      }
      if ((count + 1) * RECORD > records.length) {
        const bigger = new Int32Array(records.length * 2);
        bigger.set(records);
        records = bigger;
      }
      const at = count * RECORD;
      records[at] = id;
      records[at + 1] = choice;
      records[at + 2] = space.bytes.high;
      records[at + 3] = space.bytes.low;
      records[at + 4] = flags;
      records[at + 5] = since;
      count++;
      since = 0;
      if (breaks) break share;
    }
  }
  return { records, count, tail: since };
}
