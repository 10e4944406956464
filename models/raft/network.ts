/**
 * The network: a bag of pending messages per ordered pair of servers. A message stays pending
 * (delayed) until an event delivers, drops or duplicates it; any pending message may be
 * delivered, not only the oldest (reordering). A partition blocks delivery across its cut.
 */
import type { Message, Network, RaftState } from "./state.ts";

export function channelOf(nodes: number, from: number, to: number): number {
  return (from - 1) * nodes + (to - 1);
}

export function connected(network: Network, a: number, b: number): boolean {
  return ((network.partition >> (a - 1)) & 1) === ((network.partition >> (b - 1)) & 1);
}

/** Sends one message per entry of `messages` (a recipient id and its message) in one copy of the channels. */
export function send(
  state: RaftState,
  from: number,
  messages: readonly (readonly [to: number, message: Message])[],
): RaftState {
  if (messages.length === 0) return state;
  const nodes = state.servers.length;
  const channels = state.network.channels.slice();
  for (const [to, message] of messages) {
    const c = channelOf(nodes, from, to);
    channels[c] = [...channels[c]!, message];
  }
  return { ...state, network: { ...state.network, channels } };
}

/** The pick-th oldest pending message from `from` to `to` (0: the oldest), if there is one. */
export function pending(state: RaftState, from: number, to: number, pick: number): Message | undefined {
  return state.network.channels[channelOf(state.servers.length, from, to)]?.[pick];
}

/** Removes the pick-th oldest pending message from `from` to `to`. */
export function take(state: RaftState, from: number, to: number, pick: number): RaftState {
  const c = channelOf(state.servers.length, from, to);
  const channels = state.network.channels.slice();
  const channel = channels[c]!;
  channels[c] = pick === 0 ? channel.slice(1) : [...channel.slice(0, pick), ...channel.slice(pick + 1)];
  return { ...state, network: { ...state.network, channels } };
}

/** Can a message from `from` to `to` arrive now: the recipient runs and no partition separates them. */
export function deliverable(state: RaftState, from: number, to: number): boolean {
  return state.servers[to - 1]!.up && connected(state.network, from, to);
}
