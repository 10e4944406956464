/**
 * Every event enabled in a state: what an exhaustive explorer branches on. Each one changes the
 * state. `receive` and `client-write-newest` are left out: each only names, by what the state
 * holds, a `deliver` or `client-write` listed here, so it reaches no other state. `deliver-all`
 * is left out too: it is a run of single deliveries, and it handles inboxes in server-id order,
 * so it alone would not commute with renaming servers (which symmetry reduction relies on).
 *
 * The explorer lists events for every state it expands, so each distinct event is built once and
 * shared (events are plain data that nothing mutates).
 */
import type { Context } from "../../src/model.ts";
import type { RaftEvent } from "./events.ts";
import { deliverable } from "./network.ts";
import type { RaftConfig, RaftState } from "./state.ts";

export function enabled(state: RaftState, _ctx: Context<RaftConfig>): RaftEvent[] {
  const nodes = state.servers.length;
  const known = eventsOf(nodes);
  const out: RaftEvent[] = [];
  for (let i = 0; i < nodes; i++) {
    const s = state.servers[i]!;
    if (s.up && s.role !== "leader") out.push(known.timeout[i]!);
    if (s.up && s.role === "leader") out.push(known.clientWrite[i]!);
    out.push(s.up ? known.crash[i]! : known.restart[i]!);
  }
  const counts = known.counts;
  for (let to = 1; to <= nodes; to++) {
    counts.fill(0);
    for (const m of state.network.inboxes[to - 1]!) counts[m.from]!++;
    for (let from = 1; from <= nodes; from++) {
      const canDeliver = deliverable(state, from, to);
      for (let pick = 0; pick < counts[from]!; pick++) {
        const link = known.link(from, to, pick);
        if (canDeliver) out.push(link.deliver);
        out.push(link.drop, link.duplicate);
      }
    }
  }
  if (nodes > 1 && state.servers.some((s) => s.up && s.role === "leader")) out.push(known.heartbeat);
  // Each cut once, named by the side that holds server 1.
  for (let mask = 1; mask < (1 << nodes) - 1; mask += 2)
    if (mask !== state.network.partition) out.push(known.partition[mask]!);
  if (state.network.partition !== 0) out.push(known.heal);
  return out;
}

type Of<K extends RaftEvent["kind"]> = Extract<RaftEvent, { kind: K }>;

interface LinkEvents {
  readonly deliver: Of<"deliver">;
  readonly drop: Of<"drop">;
  readonly duplicate: Of<"duplicate">;
}

/** The events of one cluster size, built once. */
class KnownEvents {
  readonly timeout: Of<"timeout">[] = [];
  readonly clientWrite: Of<"client-write">[] = [];
  readonly crash: Of<"crash">[] = [];
  readonly restart: Of<"restart">[] = [];
  readonly partition: Of<"partition">[] = [];
  readonly heartbeat: Of<"heartbeat"> = { kind: "heartbeat" };
  readonly heal: Of<"heal"> = { kind: "heal" };
  /** Scratch: messages pending per sender. */
  readonly counts: Int32Array;
  private readonly links = new Map<number, LinkEvents>();

  constructor(private readonly nodes: number) {
    this.counts = new Int32Array(nodes + 1);
    for (let server = 1; server <= nodes; server++) {
      this.timeout.push({ kind: "timeout", server });
      this.clientWrite.push({ kind: "client-write", server });
      this.crash.push({ kind: "crash", server });
      this.restart.push({ kind: "restart", server });
    }
    for (let mask = 1; mask < (1 << nodes) - 1; mask += 2) {
      const side: number[] = [];
      for (let id = 1; id <= nodes; id++) if ((mask >> (id - 1)) & 1) side.push(id);
      this.partition[mask] = { kind: "partition", side };
    }
  }

  link(from: number, to: number, pick: number): LinkEvents {
    const key = (pick * (this.nodes + 1) + from) * (this.nodes + 1) + to;
    let events = this.links.get(key);
    if (events === undefined) {
      events = {
        deliver: { kind: "deliver", from, to, pick },
        drop: { kind: "drop", from, to, pick },
        duplicate: { kind: "duplicate", from, to, pick },
      };
      this.links.set(key, events);
    }
    return events;
  }
}

const bySize: KnownEvents[] = [];

function eventsOf(nodes: number): KnownEvents {
  let known = bySize[nodes];
  if (known === undefined) {
    known = new KnownEvents(nodes);
    bySize[nodes] = known;
  }
  return known;
}
