/**
 * Fault tolerance computed by the HA model itself: fail every set of hosts of a given size, let
 * time pass, and ask the cluster for a write, a read and an active controller manager and
 * scheduler. `faultline quorum` prints these figures next to etcd's formula.
 */
import type { Context } from "../../src/model.ts";
import type { HaEvent } from "./events.ts";
import type { HaFlaw } from "./flaws.ts";
import { step } from "./reducer.ts";
import { defaults, type HaConfig, type HaState, initialState, range, type Topology } from "./state.ts";
import { apiserverUp, memberIds, memberUp, quorumSize } from "./topology.ts";

export { quorumSize };

/** etcd's documented failure tolerance: floor((N-1)/2). */
export const formulaTolerance = (members: number): number => Math.floor((members - 1) / 2);

/** Every k-element subset of 1..n, in lexicographic order. */
export function subsets(n: number, k: number): number[][] {
  if (k === 0) return [[]];
  if (k > n) return [];
  return [...subsets(n - 1, k - 1).map((s) => [...s, n]), ...subsets(n - 1, k)].sort((a, b) =>
    a.join(",").localeCompare(b.join(",")),
  );
}

interface Health {
  readonly writes: boolean;
  readonly reads: boolean;
  readonly controllers: boolean;
}

function run(config: HaConfig, events: readonly HaEvent[]): HaState {
  const ctx: Context<HaConfig, HaFlaw> = { config, flaws: new Set() };
  return events.reduce((state, event) => step(state, event, ctx), initialState(config));
}

/** After `failures`, long enough for etcd to re-elect and a standby to take an expired Lease, does the cluster work? */
export function healthAfter(config: HaConfig, failures: readonly HaEvent[]): Health {
  const settled = run(config, [...failures, { kind: "time-passes", seconds: config.leaseDuration + 1 }]);
  const ctx: Context<HaConfig, HaFlaw> = { config, flaws: new Set() };
  const wrote = step(settled, { kind: "client-writes" }, ctx);
  const read = step(wrote, { kind: "client-reads" }, ctx);
  const leading = (c: "controllerManager" | "scheduler") =>
    Object.values(settled.nodes).some((node) => node.up && node[c].leading);
  return {
    writes: wrote.history.last?.ok ?? false,
    reads: read.history.last?.ok ?? false,
    controllers: leading("controllerManager") && leading("scheduler"),
  };
}

const works = (h: Health): boolean => h.writes && h.reads && h.controllers;

/** The largest k such that every set of at most k failures (made by `fail`) leaves the cluster working. */
function survivable(config: HaConfig, hosts: number, fail: (id: number) => HaEvent): number {
  let k = 0;
  while (k < hosts && subsets(hosts, k + 1).every((set) => works(healthAfter(config, set.map(fail))))) k++;
  return k;
}

const base: HaConfig = {
  topology: "external",
  controlPlanes: 1,
  etcdMembers: 3,
  leaseDuration: defaults.leaseDuration,
  renewDeadline: defaults.renewDeadline,
  writeBound: defaults.writeBound,
};

export interface EtcdToleranceRow {
  readonly members: number;
  readonly quorum: number;
  /** Found by failing every set of members (external etcd, so nothing else fails with them). */
  readonly tolerates: number;
  readonly formula: number;
}

export function etcdToleranceTable(maxMembers = 9): EtcdToleranceRow[] {
  return range(maxMembers).map((members) => {
    const config = { ...base, etcdMembers: members };
    const tolerates = survivable(config, members, (member) => ({ kind: "etcd-host-fails", member }));
    return { members, quorum: quorumSize(members), tolerates, formula: formulaTolerance(members) };
  });
}

export interface TopologyRow {
  readonly topology: Topology;
  readonly controlPlanes: number;
  readonly etcdMembers: number;
  /** Machines to run: control-plane nodes, plus the etcd hosts of an external cluster. */
  readonly hosts: number;
  /** Control-plane node failures the cluster survives (writes, reads, an active controller manager and scheduler). */
  readonly nodeFailuresSurvived: number;
  /** External etcd host failures it survives; null for stacked, where etcd hosts are the control-plane nodes. */
  readonly etcdHostFailuresSurvived: number | null;
  /** What one control-plane node failure takes away. */
  readonly oneNodeFailureCosts: { readonly apiservers: number; readonly etcdMembers: number };
}

export function topologyRow(topology: Topology, controlPlanes: number, externalMembers: number): TopologyRow {
  const config: HaConfig = { ...base, topology, controlPlanes, etcdMembers: externalMembers };
  const members = memberIds(config).length;
  const before = run(config, []);
  const after = run(config, [{ kind: "node-fails", node: 1 }]);
  const count = (s: HaState) => ({
    apiservers: range(controlPlanes).filter((id) => apiserverUp(s, id)).length,
    etcdMembers: memberIds(config).filter((m) => memberUp(s, config, m)).length,
  });
  return {
    topology,
    controlPlanes,
    etcdMembers: members,
    hosts: topology === "stacked" ? controlPlanes : controlPlanes + members,
    nodeFailuresSurvived: survivable(config, controlPlanes, (node) => ({ kind: "node-fails", node })),
    etcdHostFailuresSurvived:
      topology === "external"
        ? survivable(config, members, (member) => ({ kind: "etcd-host-fails", member }))
        : null,
    oneNodeFailureCosts: {
      apiservers: count(before).apiservers - count(after).apiservers,
      etcdMembers: count(before).etcdMembers - count(after).etcdMembers,
    },
  };
}

/** Stacked and external, with 2, 3 and 5 control-plane nodes (the sizes kubeadm's HA guide discusses). */
export function topologyTable(externalMembers = 3, sizes: readonly number[] = [2, 3, 5]): TopologyRow[] {
  return (["stacked", "external"] as const).flatMap((topology) =>
    sizes.map((size) => topologyRow(topology, size, externalMembers)),
  );
}
