/**
 * Exact state counts, as Stateright's tests pin them: for small bounded configs, the explorer's
 * number of distinct states (and new states per depth, and transitions) is fixed here, so any
 * change to a model's behaviour, its enabled events, its fingerprint or its symmetry reduction
 * shows up as a changed number. After an intended change, update the numbers and say why in the
 * commit. (upgrade lists no enabled events, so it cannot be explored and has no row.)
 */
import { describe, expect, test } from "vitest";
import { findModel } from "../../models/index.ts";
import { explore } from "../explore/explore.ts";
import type { ConfigValues } from "../fields.ts";

interface Pinned {
  readonly model: string;
  readonly fixed: ConfigValues;
  readonly depth: number;
  readonly symmetry?: boolean;
  readonly states: number;
  readonly transitions: number;
  readonly levels: readonly number[];
}

const pinned: readonly Pinned[] = [
  {
    model: "raft",
    fixed: { nodes: 2 },
    depth: 4,
    states: 224,
    transitions: 452,
    levels: [1, 3, 11, 40, 169],
  },
  {
    model: "raft",
    fixed: { nodes: 3 },
    depth: 4,
    states: 688,
    transitions: 1536,
    levels: [1, 3, 13, 78, 593],
  },
  {
    model: "raft",
    fixed: { nodes: 3 },
    depth: 3,
    symmetry: false,
    states: 495,
    transitions: 909,
    levels: [1, 9, 58, 427],
  },
  {
    model: "ha",
    fixed: { controlPlanes: 2, etcdMembers: 2 },
    depth: 3,
    states: 313,
    transitions: 585,
    levels: [1, 9, 55, 248],
  },
  {
    model: "backup",
    fixed: { members: 1, watchers: 1 },
    depth: 3,
    states: 1033,
    transitions: 1475,
    levels: [1, 12, 109, 911],
  },
  { model: "backup", fixed: {}, depth: 3, states: 1283, transitions: 1833, levels: [1, 13, 127, 1142] },
  {
    model: "cluster",
    fixed: { nodes: 2, webReplicas: 1, dbReplicas: 1, cacheReplicas: 0 },
    depth: 2,
    states: 785,
    transitions: 1097,
    levels: [1, 33, 751],
  },
  {
    model: "lease",
    fixed: { candidates: 1 },
    depth: 3,
    states: 328,
    transitions: 604,
    levels: [1, 10, 56, 261],
  },
  {
    model: "lease",
    fixed: { candidates: 2 },
    depth: 3,
    states: 1707,
    transitions: 3748,
    levels: [1, 19, 190, 1497],
  },
];

describe("distinct states reachable in small bounded configs", () => {
  for (const pin of pinned) {
    const name = `${pin.model} ${JSON.stringify(pin.fixed)} depth ${pin.depth}${pin.symmetry === false ? " without symmetry" : ""}`;
    test(name, () => {
      const result = explore(findModel(pin.model)!, {
        fixed: pin.fixed,
        maxDepth: pin.depth,
        symmetry: pin.symmetry ?? true,
      });
      expect(result.stoppedBy).toBe("max-depth");
      expect({ states: result.states, transitions: result.transitions, levels: result.levels }).toEqual({
        states: pin.states,
        transitions: pin.transitions,
        levels: pin.levels,
      });
    });
  }

  test("raft's symmetry reduction is real: three servers, depth 3, 95 states up to renaming against 495", () => {
    const raft = findModel("raft")!;
    const reduced = explore(raft, { fixed: { nodes: 3 }, maxDepth: 3 });
    const full = explore(raft, { fixed: { nodes: 3 }, maxDepth: 3, symmetry: false });
    expect([reduced.keying, full.keying]).toEqual(["symmetry", "fingerprint"]);
    expect([reduced.states, full.states]).toEqual([95, 495]);
  });
});
