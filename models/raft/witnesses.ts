/**
 * Conditions a good suite must reach (Stateright's `sometimes`): if generated schedules never
 * get here, a passing run proves little.
 */
import type { Witness } from "../../src/model.ts";
import { firstChange } from "./invariants.ts";
import { majority } from "./quorum.ts";
import { type RaftConfig, type RaftState, sameEntry } from "./state.ts";

const elected = (state: RaftState, prev: RaftState) =>
  state.history.elections.length > prev.history.elections.length;

/** Servers whose log lost or replaced an entry in this step, with the index of the first change. */
function truncations(state: RaftState, prev: RaftState): [server: number, index: number][] {
  const out: [number, number][] = [];
  if (state.servers === prev.servers) return out;
  state.servers.forEach((s, i) => {
    const before = prev.servers[i]!.log;
    if (s.log === before) return;
    const index = firstChange(before, s.log);
    if (index > 0) out.push([i, index]);
  });
  return out;
}

export const witnesses: readonly Witness<RaftConfig, RaftState>[] = [
  {
    name: "leader-after-heal",
    doc: "A leader is elected after a partition has healed.",
    reached: (state, prev) =>
      elected(state, prev) && state.history.heals > 0 && state.network.partition === 0,
  },
  {
    name: "commit-by-later-leader",
    doc: "An entry of an older term is committed by a leader of a later term (indirectly, with an entry of its own term).",
    reached: (state, prev) => {
      const { committed } = state.history;
      for (let i = prev.history.committed.length; i < committed.length; i++)
        if (committed[i]!.term < committed[i]!.commitTerm) return true;
      return false;
    },
  },
  {
    name: "log-truncated",
    doc: "A follower deletes a conflicting suffix of its log.",
    reached: (state, prev) => truncations(state, prev).length > 0,
  },
  {
    name: "majority-entry-overwritten",
    doc: "An entry stored on a majority but never committed is overwritten (Figure 8 (d1)): the case the commit rule exists for.",
    reached: (state, prev) =>
      truncations(state, prev).some(([server, index]) => {
        const entry = prev.servers[server]!.log[index - 1];
        const stored = prev.servers.filter((s) => sameEntry(s.log[index - 1], entry)).length;
        return stored >= majority(state.servers.length);
      }),
  },
  {
    name: "two-leaders-at-once",
    doc: "A deposed leader still acts as leader of its old term while a new leader leads a later one.",
    reached: (state) => {
      let leaders = 0;
      for (const s of state.servers) if (s.up && s.role === "leader") leaders++;
      return leaders > 1;
    },
  },
];
