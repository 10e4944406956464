/** What a person sees of an HA state: each control-plane node's components, etcd, the load balancer, links, Leases. */
import type { Context } from "../../src/model.ts";
import { quorumOf } from "./reducer.ts";
import {
  COMPONENTS,
  type Elector,
  type HaConfig,
  type HaState,
  holderIdentity,
  LEASE_NAMES,
} from "./state.ts";
import { memberIds, memberUp, serves } from "./topology.ts";

/** "leading as cp1_2": the role and the process identity, so a restart shows as a new identity. */
const role = (node: number, up: boolean, e: Elector): string =>
  up ? `${e.leading ? "leading" : "standby"} as ${holderIdentity({ node, process: e.process })}` : "down";

export function view(state: HaState, ctx: Context<HaConfig>) {
  const { config } = ctx;
  const quorum = quorumOf(ctx);
  const controlPlane: Record<string, unknown> = {};
  for (const [id, node] of Object.entries(state.nodes)) {
    const api = Number(id);
    controlPlane[id] = {
      apiserver: !node.up ? "down" : serves(state, config, api, quorum) ? "ready" : "up, no etcd quorum",
      controllerManager: role(api, node.up, node.controllerManager),
      scheduler: role(api, node.up, node.scheduler),
    };
  }
  const members: Record<string, string> = {};
  for (const m of memberIds(config)) members[m] = memberUp(state, config, m) ? "up" : "down";
  const leases: Record<string, string> = {};
  for (const c of COMPONENTS) {
    const lease = state.leases[c];
    leases[LEASE_NAMES[c]] =
      lease.holder === null
        ? "free"
        : `${holderIdentity(lease.holder)} (node ${lease.holder.node}), renewed at ${lease.renewTime} s`;
  }
  const last = state.history.last;
  return {
    time: `${state.now} s`,
    controlPlane,
    etcd: { leader: state.etcd.leader ?? "none", term: state.etcd.term, members },
    loadBalancer: state.loadBalancer.up ? "up" : "down",
    linksDown: state.linksDown,
    leases,
    history: {
      lastRequest: last
        ? `${last.op} via ${last.via === null ? "no apiserver" : `apiserver ${last.via}`}: ${last.ok ? "ok" : "refused"}`
        : "none",
      faultsStoppedAt: state.history.stableSince === null ? "no quorum" : `${state.history.stableSince} s`,
    },
  };
}
