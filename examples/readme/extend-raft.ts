// examples/readme/extend-raft.ts
import { extendModel } from "faultline";
import { raft } from "faultline/models/raft";

/** Raft plus an invariant of your own, and a flaw that proves it has teeth. */
export const raftPlus = extendModel(raft, {
  name: "raft-plus",
  invariants: [
    {
      name: "commit-within-log",
      doc: "a server's commitIndex never passes the end of its own log",
      check: (state) => {
        const i = state.servers.findIndex((s) => s.commitIndex > s.log.length);
        if (i < 0) return undefined;
        const { commitIndex, log } = state.servers[i]!;
        return `server ${i + 1} has commitIndex ${commitIndex} but only ${log.length} log entries`;
      },
    },
  ],
  flaws: [
    {
      name: "commit-without-entries",
      doc: "a running server adopts the highest commitIndex in the cluster before it holds those entries",
      breaks: "commit-within-log",
    },
  ],
  step: (inner) => (state, event, ctx) => {
    const next = inner(state, event, ctx);
    if (next === state || !ctx.flaws.has("commit-without-entries")) return next;
    const highest = Math.max(...next.servers.map((s) => s.commitIndex));
    return { ...next, servers: next.servers.map((s) => (s.up ? { ...s, commitIndex: highest } : s)) };
  },
});
