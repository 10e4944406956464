/**
 * Why an event did nothing, in plain words, for the story of a skipped event ("a client sends a
 * write to server 2: nothing happens, server 2 is a follower"). Read only when the reducer has
 * already returned the state unchanged, so each reason explains the first check that failed.
 */
import type { RaftEvent } from "./events.ts";
import type { RaftState } from "./state.ts";

function roleOf(state: RaftState, id: number): string {
  const s = state.servers[id - 1]!;
  return s.up ? `server ${id} is a ${s.role} (term ${s.currentTerm})` : `server ${id} is down`;
}

function pending(state: RaftState, from: number, to: number, pick: number): string | undefined {
  const count = state.network.inboxes[to - 1]!.filter((m) => m.from === from).length;
  if (count > pick) return undefined;
  return count === 0
    ? `no message from ${from} to ${to} is pending`
    : `only ${count} message${count === 1 ? " is" : "s are"} pending from ${from} to ${to}`;
}

/** The reason a skipped event did nothing; every server it names exists (describeEvent checks that first). */
export function whyNothing(event: RaftEvent, state: RaftState): string {
  switch (event.kind) {
    case "timeout":
    case "client-write":
      return roleOf(state, event.server);
    case "client-write-newest":
    case "heartbeat":
      return "no server is a running leader";
    case "receive": {
      if (!state.servers[event.server - 1]!.up) return `server ${event.server} is down`;
      return state.network.inboxes[event.server - 1]!.length === 0
        ? `no message is pending for server ${event.server}`
        : `every message pending for server ${event.server} comes from across the partition`;
    }
    case "deliver":
      if (!state.servers[event.to - 1]!.up) return `server ${event.to} is down`;
      return (
        pending(state, event.from, event.to, event.pick) ??
        `the partition separates ${event.from} from ${event.to}`
      );
    case "drop":
    case "duplicate":
      return pending(state, event.from, event.to, event.pick) ?? "the message changes nothing";
    case "deliver-all":
      return "no message is pending between running, connected servers";
    case "crash":
      return `server ${event.server} is already down`;
    case "restart":
      return `server ${event.server} is running`;
    case "partition": {
      const named = new Set(event.side.filter((id) => id >= 1 && id <= state.servers.length));
      if (named.size === 0) return "it names no server of this run";
      return named.size === state.servers.length
        ? "it puts every server on one side"
        : "the network is already cut that way";
    }
    case "heal":
      return "there is no partition";
  }
}
