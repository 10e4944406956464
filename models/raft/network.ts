/**
 * The network: each server's inbox of pending messages, in the order they were sent. A message
 * stays pending (delayed) until an event delivers, drops or duplicates it; any pending message
 * may be delivered, not only the oldest (reordering). A partition blocks delivery across its cut.
 */
import { type Message, type Network, type RaftState, withInboxes } from "./state.ts";

export function connected(network: Network, a: number, b: number): boolean {
  return ((network.partition >> (a - 1)) & 1) === ((network.partition >> (b - 1)) & 1);
}

/** Sends each message (its recipient id, and the message naming its sender) in one copy of the inboxes. */
export function send(
  state: RaftState,
  messages: readonly (readonly [to: number, message: Message])[],
): RaftState {
  if (messages.length === 0) return state;
  const inboxes = state.network.inboxes.slice();
  for (const [to, message] of messages) {
    const inbox = inboxes[to - 1]!.slice();
    inbox.push(message);
    inboxes[to - 1] = inbox;
  }
  return withInboxes(state, inboxes);
}

/** Where in `to`'s inbox the pick-th oldest message from `from` sits (0: the oldest), or -1. */
export function position(state: RaftState, from: number, to: number, pick: number): number {
  const inbox = state.network.inboxes[to - 1] ?? [];
  for (let i = 0, seen = 0; i < inbox.length; i++) {
    if (inbox[i]!.from !== from) continue;
    if (seen === pick) return i;
    seen++;
  }
  return -1;
}

/** Where in `to`'s inbox the oldest message that can arrive now sits, or -1. */
export function oldestDeliverable(state: RaftState, to: number): number {
  if (!state.servers[to - 1]?.up) return -1;
  const inbox = state.network.inboxes[to - 1]!;
  for (let i = 0; i < inbox.length; i++) if (connected(state.network, inbox[i]!.from, to)) return i;
  return -1;
}

/** Removes the message at `index` of `to`'s inbox. */
export function take(state: RaftState, to: number, index: number): RaftState {
  const inboxes = state.network.inboxes.slice();
  const inbox = inboxes[to - 1]!;
  inboxes[to - 1] = index === 0 ? inbox.slice(1) : inbox.filter((_, i) => i !== index);
  return withInboxes(state, inboxes);
}

/** Can a message from `from` to `to` arrive now: the recipient runs and no partition separates them. */
export function deliverable(state: RaftState, from: number, to: number): boolean {
  return state.servers[to - 1]!.up && connected(state.network, from, to);
}
