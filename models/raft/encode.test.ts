import { test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { makeContext } from "../../src/engine/context.ts";
import { Bytes } from "../../src/explore/byte-sink.ts";
import { explore } from "../../src/explore/explore.ts";
import type { StateEncoder } from "../../src/model.ts";
import { schedules } from "../../src/testing.ts";
import { fingerprint, symmetry } from "./canonical.ts";
import { encoder } from "./encode.ts";
import type { RaftEvent } from "./events.ts";
import { raft } from "./model.ts";
import type { RaftConfig, RaftState } from "./state.ts";

const ctx = makeContext({ nodes: 3 }, []);
const bytes = new Bytes();

function written(write: (state: RaftState, out: Bytes) => void, state: RaftState): string {
  bytes.clear();
  write(state, bytes);
  return Buffer.from(bytes.copy()).toString("hex");
}

/**
 * A pair of keyings that split a set of states differently: two states one calls equal and the
 * other does not. Undefined when both make exactly the same classes.
 */
class Agreement {
  private readonly byString = new Map<string, string>();
  private readonly byBytes = new Map<string, string>();
  firstDisagreement: string | undefined;

  note(stringKey: string, byteKey: string): void {
    const known = this.byString.get(stringKey) ?? byteKey;
    const back = this.byBytes.get(byteKey) ?? stringKey;
    if ((known !== byteKey || back !== stringKey) && !this.firstDisagreement)
      this.firstDisagreement = `string key ${stringKey} ↔ bytes ${byteKey}`;
    this.byString.set(stringKey, byteKey);
    this.byBytes.set(byteKey, stringKey);
  }
}

function agreeOn(
  runs: readonly (readonly RaftEvent[])[],
  candidate: StateEncoder<RaftConfig, RaftState>,
): [Agreement, Agreement] {
  const plain = new Agreement();
  const renamed = new Agreement();
  for (const schedule of runs) {
    let state = raft.init(ctx);
    for (const event of schedule) {
      state = raft.step(state, event, ctx);
      plain.note(
        fingerprint(state, ctx),
        written((s, out) => candidate.encode(s, out, ctx), state),
      );
      renamed.note(
        symmetry(state, ctx),
        written((s, out) => candidate.canonical!(s, out, ctx), state),
      );
    }
  }
  return [plain, renamed];
}

describe("raft's byte encoder", () => {
  test.prop([schedules(raft, { fixed: { nodes: 3 } }).map((run) => run.schedule as RaftEvent[])], {
    numRuns: 60,
    seed: 3,
  })("makes exactly the classes of states the string keys make, with and without symmetry", (schedule) => {
    const [plain, renamed] = agreeOn([schedule], encoder);
    expect(plain.firstDisagreement).toBeUndefined();
    expect(renamed.firstDisagreement).toBeUndefined();
  });

  it("the agreement check has teeth: an encoder that forgets whom a server voted for is caught", () => {
    const forgetful: StateEncoder<RaftConfig, RaftState> = {
      encode: (state, out, c) =>
        encoder.encode({ ...state, servers: state.servers.map((s) => ({ ...s, votedFor: null })) }, out, c),
      canonical: encoder.canonical,
    };
    // Server 2 votes for candidate 1 in one run and for candidate 3 in the other; the rest is alike.
    const voteFor = (winner: number, loser: number): RaftEvent[] => [
      { kind: "timeout", server: 1 },
      { kind: "timeout", server: 3 },
      { kind: "deliver", from: winner, to: 2, pick: 0 },
      { kind: "drop", from: 2, to: winner, pick: 0 },
      { kind: "drop", from: loser, to: 2, pick: 0 },
    ];
    const runs = [voteFor(1, 3), voteFor(3, 1)];
    expect(agreeOn(runs, forgetful)[0].firstDisagreement).toBeDefined();
    expect(agreeOn(runs, encoder)[0].firstDisagreement).toBeUndefined();
  });

  it("the explorer keyed by bytes counts exactly the states it counts keyed by strings", () => {
    const byStrings = { ...raft, extensions: { ...raft.extensions, encoder: undefined } };
    for (const symmetric of [true, false]) {
      const options = { fixed: { nodes: 3 }, maxDepth: 4, symmetry: symmetric };
      const bytesResult = explore(raft, options);
      const stringsResult = explore(byStrings, options);
      expect([bytesResult.states, bytesResult.transitions, bytesResult.levels]).toEqual([
        stringsResult.states,
        stringsResult.transitions,
        stringsResult.levels,
      ]);
    }
  });

  it("merges the same election started by different servers only in the canonical form", () => {
    const start = raft.init(ctx);
    const by1 = raft.step(start, { kind: "timeout", server: 1 }, ctx);
    const by3 = raft.step(start, { kind: "timeout", server: 3 }, ctx);
    const canonical = (s: RaftState, out: Bytes) => encoder.canonical!(s, out, ctx);
    const encode = (s: RaftState, out: Bytes) => encoder.encode(s, out, ctx);
    expect(written(canonical, by1)).toBe(written(canonical, by3));
    expect(written(encode, by1)).not.toBe(written(encode, by3));
  });
});
