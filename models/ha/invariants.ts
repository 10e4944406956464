/**
 * The HA control plane's promises. Each recomputes what it needs from the state with the true
 * quorum, floor(N/2) + 1, whatever quorum the reducer was given.
 */
import type { Invariant } from "../../src/model.ts";
import { COMPONENTS, type HaConfig, type HaState, LEASE_NAMES, memberCount } from "./state.ts";
import { lbReaches, peersOf, quorumSize, serves } from "./topology.ts";

type HaInvariant = Invariant<HaConfig, HaState>;

/** The request of kind `op` this step made, if it made one. */
const requestNow = (state: HaState, prev: HaState, op: "read" | "write") =>
  state.history.requests > prev.history.requests && state.history.last?.op === op ? state.history.last : null;

const list = (ids: readonly number[]): string => (ids.length ? ids.join(", ") : "none");

export const writesNeedQuorum: HaInvariant = {
  name: "writes-need-quorum",
  doc: "A write through any apiserver succeeds only while the etcd leader it reached hears from a quorum, floor(N/2)+1 of the N members, that are up and linked to it.",
  check: (state, prev, { config }) => {
    const req = requestNow(state, prev, "write");
    if (!req?.ok || req.leader === null) return undefined;
    const members = memberCount(config);
    const quorum = quorumSize(members);
    const acks = peersOf(state, config, req.leader);
    if (acks.length >= quorum) return undefined;
    return `a write through apiserver ${req.via} was accepted by etcd leader ${req.leader} with only ${acks.length} of ${members} members up and linked to it (${list(acks)}); a quorum is ${quorum}`;
  },
};

export const oneActiveController: HaInvariant = {
  name: "one-active-controller",
  doc: "At most one kube-controller-manager and at most one kube-scheduler act at any time (active-passive by Lease).",
  check: (state) => {
    for (const component of COMPONENTS) {
      const active = Object.entries(state.nodes)
        .filter(([, node]) => node.up && node[component].leading)
        .map(([id]) => id);
      if (active.length > 1)
        return `${LEASE_NAMES[component]} is active on nodes ${active.join(" and ")} at the same time`;
    }
    return undefined;
  },
};

export const readsStayAvailable: HaInvariant = {
  name: "reads-stay-available",
  doc: "While the load balancer is up and reaches an apiserver that reaches an etcd quorum, every read through the load balancer is answered.",
  check: (state, prev, { config }) => {
    const req = requestNow(state, prev, "read");
    if (!req || req.ok) return undefined;
    const quorum = quorumSize(memberCount(config));
    const able = Object.keys(state.nodes)
      .map(Number)
      .filter((api) => lbReaches(state, api) && serves(state, config, api, quorum));
    if (able.length === 0) return undefined;
    const where =
      req.via === null
        ? "no apiserver passed the load balancer's health check"
        : `it went to apiserver ${req.via}`;
    return `a read failed (${where}) although apiserver ${list(able)} reaches an etcd quorum`;
  },
};

export const writesResumeWithinBound: HaInvariant = {
  name: "writes-resume-within-bound",
  doc: "Bounded liveness: once the faults stop with the load balancer up, a fully connected etcd quorum and an apiserver reaching it, every write is accepted from writeBound seconds on.",
  check: (state, prev, { config }) => {
    const req = requestNow(state, prev, "write");
    const since = state.history.stableSince;
    if (!req || req.ok || since === null) return undefined;
    const waited = state.now - since;
    if (waited < config.writeBound) return undefined;
    return `a write was refused ${waited} s after the last fault, although since then a connected etcd quorum and an apiserver reaching it have been up (bound ${config.writeBound} s)`;
  },
};

export const invariants: readonly HaInvariant[] = [
  writesNeedQuorum,
  oneActiveController,
  readsStayAvailable,
  writesResumeWithinBound,
];
