/**
 * The HA reducer: faults change hosts, the load balancer and links; time makes etcd re-elect and
 * the controller manager and scheduler renew, give up or take over their Leases; client requests
 * go through the load balancer to an apiserver and on to the etcd leader.
 */
import type { Context } from "../../src/model.ts";
import type { HaEvent } from "./events.ts";
import { linkExists } from "./events.ts";
import {
  COMPONENTS,
  type Component,
  type ControlPlaneNode,
  type Elector,
  type Etcd,
  type HaConfig,
  type HaState,
  type Holder,
  type Lease,
  memberCount,
  type RequestRecord,
  sameHolder,
} from "./state.ts";
import {
  lbReaches,
  memberIds,
  memberUp,
  peersOf,
  quorumSize,
  serves,
  writesShouldResume,
} from "./topology.ts";

type Ctx = Context<HaConfig>;

/** The quorum the cluster's code uses. The one place `quorum-of-half` changes. */
export function quorumOf(ctx: Ctx): number {
  const members = memberCount(ctx.config);
  if (ctx.flaws.has("quorum-of-half")) return Math.ceil(members / 2);
  return quorumSize(members);
}

export function step(state: HaState, event: HaEvent, ctx: Ctx): HaState {
  const next = apply(state, event, ctx);
  if (next === state || !isFault(event)) return next;
  return markStability(next, ctx.config);
}

function apply(state: HaState, event: HaEvent, ctx: Ctx): HaState {
  switch (event.kind) {
    case "node-fails":
      return setNodeUp(state, event.node, false);
    case "node-returns":
      return setNodeUp(state, event.node, true);
    case "etcd-host-fails":
      return setHostUp(state, ctx.config, event.member, false);
    case "etcd-host-returns":
      return setHostUp(state, ctx.config, event.member, true);
    case "lb-fails":
    case "lb-returns": {
      const up = event.kind === "lb-returns";
      return state.loadBalancer.up === up ? state : { ...state, loadBalancer: { ...state.loadBalancer, up } };
    }
    case "link-fails":
    case "link-returns":
      return setLink(state, ctx.config, event.link, event.kind === "link-returns");
    case "time-passes": {
      let next = state;
      for (let i = 0; i < event.seconds; i++) next = secondPasses(next, ctx);
      return next;
    }
    case "client-reads":
      return request(state, "read", ctx);
    case "client-writes":
      return request(state, "write", ctx);
  }
}

const isFault = (event: HaEvent): boolean =>
  event.kind !== "time-passes" && event.kind !== "client-reads" && event.kind !== "client-writes";

// ---- faults -------------------------------------------------------------------------------

/**
 * A failed node's controller manager and scheduler stop; on its return they start as new
 * processes, each a new `hostname_<uuid>` candidate that must wait for the Lease like any other.
 */
function setNodeUp(state: HaState, id: number, up: boolean): HaState {
  const node = state.nodes[id];
  if (!node || node.up === up) return state;
  const change = up ? restart : (e: Elector): Elector => (e.leading ? { ...e, leading: false } : e);
  const next: ControlPlaneNode = {
    up,
    controllerManager: change(node.controllerManager),
    scheduler: change(node.scheduler),
  };
  return { ...state, nodes: { ...state.nodes, [id]: next } };
}

/** A new process of the component: a standby with a fresh identity (kube-controller-manager's and kube-scheduler's uuid). */
const restart = (e: Elector): Elector => ({ ...e, leading: false, process: e.process + 1 });

function setHostUp(state: HaState, config: HaConfig, id: number, up: boolean): HaState {
  if (config.topology !== "external") return state;
  const current = state.etcd.hostsUp[id];
  if (current === undefined || current === up) return state;
  return { ...state, etcd: { ...state.etcd, hostsUp: { ...state.etcd.hostsUp, [id]: up } } };
}

function setLink(state: HaState, config: HaConfig, link: string, up: boolean): HaState {
  if (!linkExists(link, config) || state.linksDown.includes(link) !== up) return state;
  const linksDown = up ? state.linksDown.filter((l) => l !== link) : [...state.linksDown, link].sort();
  return { ...state, linksDown };
}

// ---- one second: etcd elections, then Lease renewals and takeovers ---------------------------

function secondPasses(state: HaState, ctx: Ctx): HaState {
  const ticked = { ...state, now: state.now + 1, etcd: electEtcdLeader(state, ctx) };
  let next: HaState = ticked;
  for (const component of COMPONENTS) next = runLeaderElection(next, component, ctx);
  return next;
}

/**
 * Abstract Raft election: a leader that is down or no longer hears from a quorum steps down
 * (etcd runs with check-quorum), and the lowest-id member that hears from a quorum wins. One
 * second is etcd's default election timeout (1000 ms).
 */
function electEtcdLeader(state: HaState, ctx: Ctx): Etcd {
  const { config } = ctx;
  const quorum = quorumOf(ctx);
  const { leader } = state.etcd;
  if (leader !== null) {
    const lost = ctx.flaws.has("election-only-on-crash")
      ? !memberUp(state, config, leader)
      : peersOf(state, config, leader).length < quorum;
    if (!lost) return state.etcd;
  }
  const winner = memberIds(config).find((m) => peersOf(state, config, m).length >= quorum);
  if (winner === undefined) return leader === null ? state.etcd : { ...state.etcd, leader: null };
  return { ...state.etcd, leader: winner, term: state.etcd.term + 1 };
}

/**
 * client-go leader election for one component on every node, through that node's apiserver:
 * holders renew or give up after renewDeadline; then a standby takes a Lease that is free or not
 * renewed for leaseDuration (a restarted process is a new identity, so "its own" never happens).
 */
function runLeaderElection(state: HaState, component: Component, ctx: Ctx): HaState {
  const { config } = ctx;
  const quorum = quorumOf(ctx);
  let lease = state.leases[component];
  const nodes: Record<string, ControlPlaneNode> = { ...state.nodes };
  const ids = Object.keys(nodes).map(Number);
  const set = (id: number, elector: Elector) => {
    nodes[id] = { ...nodes[id]!, [component]: elector };
  };

  for (const id of ids) {
    const node = nodes[id]!;
    const elector = node[component];
    if (!node.up || !elector.leading) continue;
    const canWrite = serves(state, config, id, quorum);
    if (canWrite && sameHolder(lease.holder, holderOf(id, elector))) {
      lease = { holder: lease.holder, renewTime: state.now };
      set(id, { ...elector, lastRenew: state.now });
    } else if (canWrite || state.now - elector.lastRenew >= config.renewDeadline) {
      // It saw another holder, or could not renew within renewDeadline: leadership lost, the
      // process exits (OnStoppedLeading) and the kubelet starts a new one with a new identity.
      if (!ctx.flaws.has("keep-leading-without-renew")) set(id, restart(elector));
    }
  }

  for (const id of ids) {
    const node = nodes[id]!;
    const elector = node[component];
    if (!node.up || elector.leading) continue;
    if (ctx.flaws.has("no-leader-election")) {
      set(id, { ...elector, leading: true, lastRenew: state.now });
      continue;
    }
    const me = holderOf(id, elector);
    if (!serves(state, config, id, quorum) || !mayAcquire(lease, me, state.now, config)) continue;
    lease = { holder: me, renewTime: state.now };
    set(id, { ...elector, leading: true, lastRenew: state.now });
  }

  const unchanged = ids.every((id) => nodes[id] === state.nodes[id]) && lease === state.leases[component];
  if (unchanged) return state;
  return { ...state, nodes, leases: { ...state.leases, [component]: lease } };
}

const holderOf = (node: number, elector: Elector): Holder => ({ node, process: elector.process });

/** A free Lease, one this very process holds, or one unrenewed for leaseDuration. */
const mayAcquire = (lease: Lease, me: Holder, now: number, config: HaConfig): boolean =>
  lease.holder === null || sameHolder(lease.holder, me) || now - lease.renewTime >= config.leaseDuration;

// ---- client requests through the load balancer ----------------------------------------------

/** The load balancer's health check: kube-apiserver's /readyz fails while it cannot reach an etcd quorum. */
function passesHealthCheck(state: HaState, apiserver: number, ctx: Ctx): boolean {
  if (ctx.flaws.has("lb-routes-to-dead")) return true;
  if (ctx.flaws.has("lb-checks-livez")) return lbReaches(state, apiserver);
  return lbReaches(state, apiserver) && serves(state, ctx.config, apiserver, quorumOf(ctx));
}

function request(state: HaState, op: "read" | "write", ctx: Ctx): HaState {
  const leader = state.etcd.leader;
  if (!state.loadBalancer.up) return record(state, { op, via: null, leader, ok: false });
  const count = ctx.config.controlPlanes;
  const order = Array.from({ length: count }, (_, i) => ((state.loadBalancer.next - 1 + i) % count) + 1);
  const via = order.find((api) => passesHealthCheck(state, api, ctx));
  if (via === undefined) return record(state, { op, via: null, leader, ok: false });
  // A read is linearizable (etcd's default), so it needs the leader and a quorum just like a write.
  const ok = lbReaches(state, via) && serves(state, ctx.config, via, quorumOf(ctx));
  const routed = { ...state, loadBalancer: { ...state.loadBalancer, next: (via % count) + 1 } };
  return record(routed, { op, via, leader, ok });
}

function record(state: HaState, last: RequestRecord): HaState {
  return { ...state, history: { ...state.history, requests: state.history.requests + 1, last } };
}

// ---- oracle -------------------------------------------------------------------------------

/** After a fault or a repair, the liveness bound counts again from now, if a write should become possible. */
function markStability(state: HaState, config: HaConfig): HaState {
  const stableSince = writesShouldResume(state, config, quorumSize(memberCount(config))) ? state.now : null;
  return stableSince === state.history.stableSince
    ? state
    : { ...state, history: { ...state.history, stableSince } };
}
