/**
 * State constraints for the exhaustive explorer (raft.tla's model bounds, TLC's CONSTRAINT):
 * `faultline explore raft --bound max-term=4 --bound max-writes=2 --bound max-pending=1` keeps
 * the search to a finite space, so it can end with "exhausted".
 */
import type { StateConstraint } from "../../src/model.ts";
import type { RaftConfig, RaftState } from "./state.ts";

export const constraints: readonly StateConstraint<RaftConfig, RaftState>[] = [
  {
    name: "max-term",
    doc: "the highest current term of any server",
    measure: (state) => {
      let highest = 0;
      for (const s of state.servers) if (s.currentTerm > highest) highest = s.currentTerm;
      return highest;
    },
  },
  {
    name: "max-writes",
    doc: "client writes accepted by a leader so far",
    measure: (state) => state.writes,
  },
  {
    name: "max-pending",
    doc: "messages pending on any one link (from one server to another)",
    measure: (state) => {
      let most = 0;
      const counts = new Int32Array(state.servers.length + 1);
      for (const inbox of state.network.inboxes) {
        counts.fill(0);
        for (const m of inbox) if (++counts[m.from]! > most) most = counts[m.from]!;
      }
      return most;
    },
  },
  {
    name: "max-inflight",
    doc: "messages pending in the whole network",
    measure: (state) => {
      let n = 0;
      for (const inbox of state.network.inboxes) n += inbox.length;
      return n;
    },
  },
  {
    name: "max-down",
    doc: "servers crashed at once (max-down=0 leaves crashes out)",
    measure: (state) => {
      let down = 0;
      for (const s of state.servers) if (!s.up) down++;
      return down;
    },
  },
  {
    name: "max-partitioned",
    doc: "1 while the network is partitioned, else 0 (max-partitioned=0 leaves partitions out)",
    measure: (state) => (state.network.partition === 0 ? 0 : 1),
  },
];
