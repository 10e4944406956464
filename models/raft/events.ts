/**
 * The fault-schedule vocabulary, after raft.tla's actions: protocol steps (timeout, client write,
 * heartbeat), message steps per ordered pair (deliver, drop, duplicate), and faults (crash,
 * restart, partition, heal). Events name servers, never positions in a global list, so a
 * schedule keeps its meaning when fast-check deletes events while shrinking.
 */
import type { EventFromKinds } from "../../src/define.ts";
import { field } from "../../src/fields.ts";
import type { Context, EventKind } from "../../src/model.ts";
import type { RaftFlaw } from "./flaws.ts";
import { step } from "./reducer.ts";
import { newestLeader } from "./replication.ts";
import { whyNothing } from "./skips.ts";
import type { RaftConfig, RaftState } from "./state.ts";

/** The most servers a config may have. */
export const MAX_NODES = 7;

const server = { server: field.id("nodes", "server") };

/**
 * A message between two servers: mostly the oldest pending one (pick 0); sometimes a later one,
 * which overtakes the older ones.
 */
const pair = {
  fields: {
    from: field.id("nodes", "server"),
    to: field.id("nodes", "server"),
    pick: field.int(0, 3, { favourMin: 3 }),
  },
  where: (e: { from: number; to: number }) =>
    e.from === e.to ? "from and to must name two different servers" : undefined,
};

const serverKind = (weight: number, doc: string, fault = false) => ({ doc, weight, fault, fields: server });
const pairKind = (weight: number, doc: string, fault = false) => ({ doc, weight, fault, ...pair });

export const events = {
  timeout: serverKind(
    8,
    "A running follower or candidate's election timeout fires: it starts an election in the next term.",
  ),
  "client-write": serverKind(
    2,
    "A client sends a write to a server; only a running leader appends it (a deposed leader that has not heard of the new term does).",
  ),
  "client-write-newest": {
    doc: "A client sends a write to the running leader of the highest term, where followers' redirects lead it (the lowest id if two lead one term).",
    weight: 3,
  },
  heartbeat: {
    doc: "The heartbeat timer of every running leader fires: each sends AppendEntries (the entries from each follower's nextIndex on, and its commitIndex) to every other server.",
    weight: 2,
  },
  receive: serverKind(
    8,
    "The oldest message pending for a server, from any server it can hear, arrives (needs the recipient up).",
  ),
  deliver: pairKind(
    2,
    "A pending message from one server to another arrives (pick 0 the oldest, 1 the next...); needs the recipient up and no partition between them.",
  ),
  "deliver-all": {
    doc: "Every message pending between running, connected servers arrives: recipient by recipient, each inbox oldest first (replies they cause stay pending).",
    weight: 20,
  },
  drop: pairKind(1, "The network loses a pending message.", true),
  duplicate: pairKind(
    1,
    "The network duplicates a pending message; the copy arrives after the others.",
    true,
  ),
  crash: serverKind(
    2,
    "A server crashes: it keeps currentTerm, votedFor and log (on disk) and loses everything else.",
    true,
  ),
  restart: serverKind(6, "A crashed server restarts as a follower with commitIndex 0.", true),
  partition: {
    doc: "The network splits into two groups: the listed servers, and the rest. Messages across the cut stay pending.",
    weight: 6,
    fault: true,
    fields: { side: field.ids("nodes", "server") },
  },
  heal: {
    doc: "The partition heals: every server reaches every other again.",
    weight: 2,
    fault: true,
  },
} satisfies Readonly<Record<string, EventKind<RaftConfig>>>;

/** One event of the vocabulary, as the fields above declare it. */
export type RaftEvent = EventFromKinds<typeof events>;

function ordinal(pick: number): string {
  if (pick === 0) return "oldest";
  const n = pick + 1;
  const suffix = n % 10 === 2 && n % 100 !== 12 ? "nd" : n % 10 === 3 && n % 100 !== 13 ? "rd" : "th";
  return `${n}${suffix} oldest`;
}

/** The event in plain words; a skipped one also says why nothing happened. */
/** The event in plain words; a skipped one also says why nothing happened. */
export function describeEvent(
  event: RaftEvent,
  before: RaftState,
  ctx: Context<RaftConfig, RaftFlaw>,
): string {
  const words = plainWords(event, before);
  return step(before, event, ctx) === before
    ? `${words}: nothing happens, ${whyNothing(event, before)}`
    : words;
}

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
