/** Situations a good HA suite must reach (Stateright's `sometimes`), so a passing run is not a vacuous one. */
import type { Witness } from "../../src/model.ts";
import type { HaConfig, HaState } from "./state.ts";
import { apiserverUp, memberIds, memberUp } from "./topology.ts";

type HaWitness = Witness<HaConfig, HaState>;

const newRequest = (state: HaState, prev: HaState) =>
  state.history.requests > prev.history.requests ? state.history.last : null;

export const witnesses: readonly HaWitness[] = [
  {
    name: "etcd-re-election",
    doc: "etcd elects a new leader after losing the old one.",
    reached: (state, prev) => state.etcd.term > prev.etcd.term,
  },
  {
    name: "controller-manager-takeover",
    doc: "A standby kube-controller-manager takes the Lease over from another node.",
    reached: (state, prev) => {
      const before = prev.leases.controllerManager.holder;
      const after = state.leases.controllerManager.holder;
      return before !== null && after !== null && after.node !== before.node;
    },
  },
  {
    name: "write-survives-member-failure",
    doc: "A write is accepted while an etcd member is down.",
    reached: (state, prev, { config }) =>
      newRequest(state, prev)?.op === "write" &&
      state.history.last!.ok &&
      memberIds(config).some((m) => !memberUp(state, config, m)),
  },
  {
    name: "read-survives-apiserver-failure",
    doc: "A read is answered while an apiserver is down: the load balancer routed around it.",
    reached: (state, prev) =>
      newRequest(state, prev)?.op === "read" &&
      state.history.last!.ok &&
      Object.keys(state.nodes).some((id) => !apiserverUp(state, Number(id))),
  },
  {
    name: "write-refused-without-quorum",
    doc: "A write is refused because no apiserver reaches an etcd quorum.",
    reached: (state, prev) =>
      newRequest(state, prev)?.op === "write" && !state.history.last!.ok && state.loadBalancer.up,
  },
];
