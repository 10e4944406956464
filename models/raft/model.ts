/** The Raft model assembled: config, reducer, vocabulary, invariants, witnesses and flaws. */
import { defineModel } from "../../src/define.ts";
import { fingerprint, symmetry } from "./canonical.ts";
import { constraints } from "./constraints.ts";
import { enabled } from "./enabled.ts";
import { encoder } from "./encode.ts";
import { describeEvent, events, MAX_NODES } from "./events.ts";
import { flaws } from "./flaws.ts";
import { invariants } from "./invariants.ts";
import { step } from "./reducer.ts";
import { initialState, type RaftConfig } from "./state.ts";
import { timeline } from "./timeline.ts";
import { view } from "./view.ts";
import { witnesses } from "./witnesses.ts";

export const raft = defineModel({
  name: "raft",
  summary:
    "Raft leader election and log replication (Ongaro & Ousterhout, Figure 2) under crashes, partitions and a lossy, reordering, duplicating network.",
  params: [
    {
      key: "nodes",
      flag: "nodes",
      doc: "Number of servers in the cluster (fixed membership).",
      type: "int",
      min: 1,
      max: MAX_NODES,
      generate: { min: 1, max: 5 },
    },
  ],
  defaults: { nodes: 3 } as RaftConfig,
  maxSteps: 1000,
  init: (ctx) => initialState(ctx.config),
  step,
  events,
  enabled,
  fingerprint,
  symmetry,
  describeEvent,
  view,
  invariants,
  witnesses,
  flaws,
  extensions: { timeline, constraints, encoder },
});
