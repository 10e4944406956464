/**
 * The fault-schedule vocabulary, after raft.tla's actions: protocol steps (timeout, client write,
 * heartbeat), message steps per ordered pair (deliver, drop, duplicate), and faults (crash,
 * restart, partition, heal). Events name servers, never positions in a global list, so a
 * schedule keeps its meaning when fast-check deletes events while shrinking.
 */
import fc from "fast-check";
import type { Context, EventKind } from "../../src/model.ts";
import { step } from "./reducer.ts";
import { newestLeader } from "./replication.ts";
import { serversOfRun, whyNothing } from "./skips.ts";
import type { RaftConfig, RaftState } from "./state.ts";

/** The most servers a config may have: ids in events range over 1..MAX_NODES. */
export const MAX_NODES = 7;

export type RaftEvent =
  | { readonly kind: "timeout"; readonly server: number }
  | { readonly kind: "client-write"; readonly server: number }
  | { readonly kind: "client-write-newest" }
  | { readonly kind: "heartbeat" }
  | { readonly kind: "receive"; readonly server: number }
  | { readonly kind: "deliver"; readonly from: number; readonly to: number; readonly pick: number }
  | { readonly kind: "deliver-all" }
  | { readonly kind: "drop"; readonly from: number; readonly to: number; readonly pick: number }
  | { readonly kind: "duplicate"; readonly from: number; readonly to: number; readonly pick: number }
  | { readonly kind: "crash"; readonly server: number }
  | { readonly kind: "restart"; readonly server: number }
  | { readonly kind: "partition"; readonly side: readonly number[] }
  | { readonly kind: "heal" };

type Kind = EventKind<RaftConfig, RaftEvent>;
type Fields = Readonly<Record<string, unknown>>;

const id = (scope: RaftConfig) => fc.integer({ min: 1, max: scope.nodes });
/** Mostly the oldest pending message of a sender; sometimes a later one, which overtakes the older ones. */
const pick = fc.oneof(
  { arbitrary: fc.constant(0), weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: 3 }), weight: 1 },
);

const constant = <K extends RaftEvent["kind"]>(kind: K) => fc.constant({ kind });

function badId(value: unknown, field: string): string | undefined {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_NODES
    ? undefined
    : `${field} must be a server id from 1 to ${MAX_NODES} (got ${JSON.stringify(value)})`;
}

const checkServer = (e: Fields) => badId(e.server, "server");
const checkPair = (e: Fields) =>
  badId(e.from, "from") ??
  badId(e.to, "to") ??
  (e.from === e.to ? "from and to must name two different servers" : undefined) ??
  (Number.isInteger(e.pick) && (e.pick as number) >= 0
    ? undefined
    : `pick must be a whole number from 0 (got ${JSON.stringify(e.pick)})`);
const checkNothing = () => undefined;

function serverKind(
  kind: "timeout" | "client-write" | "receive" | "crash" | "restart",
  weight: number,
  doc: string,
  fault = false,
): Kind {
  return {
    doc,
    weight,
    fault,
    arbitrary: (scope) => id(scope).map((server) => ({ kind, server })),
    check: checkServer,
  };
}

function pairKind(kind: "deliver" | "drop" | "duplicate", weight: number, doc: string, fault = false): Kind {
  return {
    doc,
    weight,
    fault,
    arbitrary: (scope) =>
      fc
        .record({ from: id(scope), to: id(scope), pick })
        .filter(({ from, to }) => from !== to)
        .map(({ from, to, pick }) => ({ kind, from, to, pick })),
    check: checkPair,
  };
}

export const events: Readonly<Record<RaftEvent["kind"], Kind>> = {
  timeout: serverKind(
    "timeout",
    8,
    "A running follower or candidate's election timeout fires: it starts an election in the next term.",
  ),
  "client-write": serverKind(
    "client-write",
    2,
    "A client sends a write to a server; only a running leader appends it (a deposed leader that has not heard of the new term does).",
  ),
  "client-write-newest": {
    doc: "A client sends a write to the running leader of the highest term, where followers' redirects lead it (the lowest id if two lead one term).",
    weight: 3,
    arbitrary: () => constant("client-write-newest"),
    check: checkNothing,
  },
  heartbeat: {
    doc: "The heartbeat timer of every running leader fires: each sends AppendEntries (the entries from each follower's nextIndex on, and its commitIndex) to every other server.",
    weight: 2,
    arbitrary: () => constant("heartbeat"),
    check: checkNothing,
  },
  receive: serverKind(
    "receive",
    8,
    "The oldest message pending for a server, from any server it can hear, arrives (needs the recipient up).",
  ),
  deliver: pairKind(
    "deliver",
    2,
    "A pending message from one server to another arrives (pick 0 the oldest, 1 the next...); needs the recipient up and no partition between them.",
  ),
  "deliver-all": {
    doc: "Every message pending between running, connected servers arrives: recipient by recipient, each inbox oldest first (replies they cause stay pending).",
    weight: 20,
    arbitrary: () => constant("deliver-all"),
    check: checkNothing,
  },
  drop: pairKind("drop", 1, "The network loses a pending message.", true),
  duplicate: pairKind(
    "duplicate",
    1,
    "The network duplicates a pending message; the copy arrives after the others.",
    true,
  ),
  crash: serverKind(
    "crash",
    2,
    "A server crashes: it keeps currentTerm, votedFor and log (on disk) and loses everything else.",
    true,
  ),
  restart: serverKind("restart", 6, "A crashed server restarts as a follower with commitIndex 0.", true),
  partition: {
    doc: "The network splits into two groups: the listed servers, and the rest. Messages across the cut stay pending.",
    weight: 6,
    fault: true,
    arbitrary: (scope) =>
      fc
        .subarray(
          Array.from({ length: scope.nodes }, (_, i) => i + 1),
          { minLength: 1 },
        )
        .map((side) => ({ kind: "partition" as const, side })),
    check: (e) =>
      Array.isArray(e.side) && e.side.length > 0
        ? e.side.map((s) => badId(s, "side")).find((p) => p !== undefined)
        : "side must be a non-empty list of server ids",
  },
  heal: {
    doc: "The partition heals: every server reaches every other again.",
    weight: 2,
    fault: true,
    arbitrary: () => constant("heal"),
    check: checkNothing,
  },
};

function ordinal(pick: number): string {
  if (pick === 0) return "oldest";
  const n = pick + 1;
  const suffix = n % 10 === 2 && n % 100 !== 12 ? "nd" : n % 10 === 3 && n % 100 !== 13 ? "rd" : "th";
  return `${n}${suffix} oldest`;
}

/** Server ids the event names that this run does not have. */
function missingIds(event: RaftEvent, state: RaftState): number[] {
  const n = state.servers.length;
  const named = "server" in event ? [event.server] : "from" in event ? [event.from, event.to] : [];
  return named.filter((id) => id < 1 || id > n);
}

/** The event in plain words; a skipped one also says why nothing happened. */
export function describeEvent(event: RaftEvent, before: RaftState, ctx: Context<RaftConfig>): string {
  if (missingIds(event, before).length > 0)
    return `${ABSENT[event.kind] ?? "an event names a server this run does not have"}: nothing happens, this run has ${serversOfRun(before)}`;
  const words = plainWords(event, before);
  return step(before, event, ctx) === before
    ? `${words}: nothing happens, ${whyNothing(event, before)}`
    : words;
}

/** What an event naming a server the run does not have tried, without naming that server. */
const ABSENT: Readonly<Partial<Record<RaftEvent["kind"], string>>> = {
  timeout: "an election timeout fires on a server this run does not have",
  "client-write": "a client sends a write to a server this run does not have",
  receive: "a message arrives at a server this run does not have",
  deliver: "the network delivers a message between servers this run does not have",
  drop: "the network loses a message between servers this run does not have",
  duplicate: "the network duplicates a message between servers this run does not have",
  crash: "a server this run does not have crashes",
  restart: "a server this run does not have restarts",
};

const listed = (ids: readonly number[]): string =>
  ids.length === 1 ? `server ${ids[0]}` : `servers ${ids.slice(0, -1).join(", ")} and ${ids.at(-1)}`;

/** "the network cuts server 2 off from servers 1 and 3": only ids of this run, each side once. */
function partitionWords(side: readonly number[], state: RaftState): string {
  const all = state.servers.map((_, i) => i + 1);
  const cut = all.filter((id) => side.includes(id));
  const rest = all.filter((id) => !side.includes(id));
  if (cut.length === 0 || rest.length === 0) return "the network splits into the listed servers and the rest";
  return `the network cuts ${listed(cut)} off from ${listed(rest)}`;
}

function plainWords(event: RaftEvent, before: RaftState): string {
  switch (event.kind) {
    case "timeout":
      return `server ${event.server} times out and starts an election`;
    case "client-write":
      return `a client sends a write to server ${event.server}`;
    case "client-write-newest": {
      const leader = newestLeader(before);
      return `a client sends a write to the newest leader${leader ? ` (server ${leader})` : " (there is none)"}`;
    }
    case "heartbeat":
      return "every leader sends AppendEntries to every other server";
    case "receive":
      return `server ${event.server} receives its oldest pending message that can arrive`;
    case "deliver":
      return `deliver the ${ordinal(event.pick)} pending message from ${event.from} to ${event.to}`;
    case "deliver-all":
      return "every pending message between running, connected servers arrives";
    case "drop":
      return `the network loses the ${ordinal(event.pick)} pending message from ${event.from} to ${event.to}`;
    case "duplicate":
      return `the network duplicates the ${ordinal(event.pick)} pending message from ${event.from} to ${event.to}`;
    case "crash":
      return `server ${event.server} crashes`;
    case "restart":
      return `server ${event.server} restarts`;
    case "partition":
      return partitionWords(event.side, before);
    case "heal":
      return "the partition heals";
  }
}
