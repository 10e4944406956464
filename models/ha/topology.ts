/**
 * Who can reach whom. Every helper takes the quorum size as an argument, so the reducer (which a
 * flaw may give a wrong quorum) and the invariants (which always use floor(N/2)+1) share the
 * same reachability rules and differ only in the number they compare against.
 */
import { type HaConfig, type HaState, memberCount, range } from "./state.ts";

export const peerLink = (a: number, b: number): string => (a < b ? `etcd${a}-etcd${b}` : `etcd${b}-etcd${a}`);
export const clientLink = (apiserver: number, member: number): string => `api${apiserver}-etcd${member}`;
export const lbLink = (apiserver: number): string => `lb-api${apiserver}`;

const linkUp = (state: HaState, name: string): boolean => !state.linksDown.includes(name);

export const memberIds = (config: HaConfig): number[] => range(memberCount(config));

export function memberUp(state: HaState, config: HaConfig, member: number): boolean {
  return config.topology === "stacked"
    ? (state.nodes[member]?.up ?? false)
    : (state.etcd.hostsUp[member] ?? false);
}

export const apiserverUp = (state: HaState, apiserver: number): boolean =>
  state.nodes[apiserver]?.up ?? false;

const peerLinked = (state: HaState, a: number, b: number): boolean =>
  a === b || linkUp(state, peerLink(a, b));

/** The up members that `member` exchanges Raft messages with, itself included (empty when it is down). */
export function peersOf(state: HaState, config: HaConfig, member: number): number[] {
  if (!memberUp(state, config, member)) return [];
  return memberIds(config).filter((m) => memberUp(state, config, m) && peerLinked(state, member, m));
}

/** The members an apiserver's etcd client can reach: a stacked apiserver talks only to its local member. */
export function endpointsOf(state: HaState, config: HaConfig, apiserver: number): number[] {
  if (!apiserverUp(state, apiserver)) return [];
  if (config.topology === "stacked") return memberUp(state, config, apiserver) ? [apiserver] : [];
  return memberIds(config).filter(
    (m) => memberUp(state, config, m) && linkUp(state, clientLink(apiserver, m)),
  );
}

/** The apiserver reaches the etcd leader (directly or through a member that forwards to it), and the leader a quorum. */
export function serves(state: HaState, config: HaConfig, apiserver: number, quorum: number): boolean {
  const leader = state.etcd.leader;
  if (leader === null || peersOf(state, config, leader).length < quorum) return false;
  return endpointsOf(state, config, apiserver).some((m) => peerLinked(state, m, leader));
}

export const lbReaches = (state: HaState, apiserver: number): boolean =>
  state.loadBalancer.up && apiserverUp(state, apiserver) && linkUp(state, lbLink(apiserver));

/**
 * The side of a clean partition that can make progress: the up members split into groups with no
 * link between groups, and one group is a fully connected quorum. Raft promises liveness only then.
 */
export function healthyMajority(state: HaState, config: HaConfig, quorum: number): number[] | undefined {
  const up = memberIds(config).filter((m) => memberUp(state, config, m));
  for (const m of up) {
    const side = peersOf(state, config, m);
    const clean = side.every((a) => {
      const peers = peersOf(state, config, a);
      return peers.length === side.length && side.every((b) => peers.includes(b));
    });
    if (clean && side.length >= quorum) return side;
  }
  return undefined;
}

/** The liveness premise: the load balancer, a healthy etcd majority, and an apiserver the load balancer and that majority reach. */
export function writesShouldResume(state: HaState, config: HaConfig, quorum: number): boolean {
  const side = healthyMajority(state, config, quorum);
  if (!side) return false;
  return Object.keys(state.nodes)
    .map(Number)
    .some((api) => lbReaches(state, api) && endpointsOf(state, config, api).some((m) => side.includes(m)));
}

/** etcd's quorum: floor(N/2) + 1 of the N voting members. */
export const quorumSize = (members: number): number => Math.floor(members / 2) + 1;
