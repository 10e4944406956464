/** What a person reads in a report: time, then each node (machine and API object), each pod like `kubectl get pods -o wide`, each drain. */
import type { Drain, DrainPod } from "./drain.ts";
import type { ClusterState, Container, Machine, NodeObject, Pod } from "./state.ts";

function machineLine(m: Machine): string {
  if (m.power === "off") return "powered off";
  const runtime = m.runtime === "down" ? " · runtime down" : "";
  return `on · ${m.network === "connected" ? "connected" : "cut off"} · kubelet ${m.kubelet}${runtime}`;
}

function containerLine(state: ClusterState, c: Container): string {
  const notes: string[] = [];
  if (state.api.pods[c.pod]?.uid !== c.uid) notes.push("pod object gone");
  if (c.probe === "failing") notes.push("probe failing");
  if (c.stopAt !== null) notes.push(`stopping at ${c.stopAt}s`);
  return notes.length ? `${c.pod} (${notes.join(", ")})` : c.pod;
}

function nodeView(state: ClusterState, name: string, obj: NodeObject | undefined) {
  const machine = state.machines[name]!;
  if (!obj)
    return {
      machine: machineLine(machine),
      Ready: "Node object deleted",
      running: machine.containers.map((c) => containerLine(state, c)),
    };
  return {
    machine: machineLine(machine),
    Ready: obj.ready,
    unschedulable: obj.unschedulable,
    taint: obj.taint
      ? `${obj.taint.key.replace("node.kubernetes.io/", "")}:NoExecute since ${obj.taint.timeAdded}s`
      : "none",
    running: machine.containers.map((c) => containerLine(state, c)),
  };
}

function podLine(pod: Pod): string {
  const where = pod.nodeName ?? "unscheduled";
  if (pod.deletionTimestamp !== null) {
    const why = pod.disruption ? `, ${pod.disruption}` : "";
    return `${where} · Terminating since ${pod.deletionTimestamp}s (grace ${pod.deletionGracePeriodSeconds}s${why})`;
  }
  return `${where} · ${pod.phase}${pod.phase === "Running" ? (pod.ready ? " · ready" : " · not ready") : ""}`;
}

function drainPodLine(p: DrainPod): string {
  switch (p.status) {
    case "retrying":
      return p.message ? `${p.name}: ${p.message}; retry at ${p.retryAt}s` : `${p.name}: to evict`;
    case "deleting":
      return `${p.name}: evicted, waiting for it to go`;
    case "gone":
      return `${p.name}: gone`;
    case "skipped":
      return `${p.name}: terminating too long, skipped`;
    case "failed":
      return `${p.name}: ${p.message}`;
  }
}

function drainView(drain: Drain) {
  const status = drain.message ? `${drain.status}: ${drain.message}` : drain.status;
  return { status, pods: drain.pods.map(drainPodLine) };
}

export function view(state: ClusterState) {
  const pods = Object.values(state.api.pods).sort((a, b) => (a.name < b.name ? -1 : 1));
  const drains = Object.entries(state.drains).map(([n, d]) => [n, drainView(d)]);
  return {
    time: `${state.now}s`,
    nodes: Object.fromEntries(
      Object.keys(state.machines).map((n) => [n, nodeView(state, n, state.api.nodes[n])]),
    ),
    pods: Object.fromEntries(pods.map((p) => [p.name, podLine(p)])),
    ...(drains.length ? { drains: Object.fromEntries(drains) } : {}),
  };
}
