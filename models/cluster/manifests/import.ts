/**
 * Real objects → the cluster model's config and initial state. Nodes, pods, ReplicaSets (and
 * their Deployments), StatefulSets, DaemonSets and PodDisruptionBudgets are used; every other
 * kind, and every pod the model cannot run, is listed in `ignored`; every field whose
 * semantics the model flattens is stated in `simplified`. Pure: no file reading here.
 */
import type { ClusterConfig } from "../config.ts";
import { defaults, MAX_NODES } from "../config.ts";
import type { ImportedCluster, ImportedNode, ImportedPod } from "../imported.ts";
import { intOrPercentProblem } from "../int-or-percent.ts";
import { init } from "../reducer.ts";
import type { ClusterState } from "../state.ts";
import type { Budget, IntOrPercent, Owner, ReplicaSet, StatefulSet } from "../topology.ts";
import {
  conditionStatus,
  controllerOf,
  hasEmptyDir,
  labelsOf,
  list,
  namespaceOf,
  qualified,
  rec,
  replicasOf,
  template,
} from "./objects.ts";
import { type KubeObject, ManifestError } from "./parse.ts";
import { compileSelector, type Labels } from "./selector.ts";

export interface ImportedModel {
  readonly config: ClusterConfig;
  readonly initialState: ClusterState;
  /** What was left out, e.g. "kinds the model does not use: Service ×3". */
  readonly ignored: readonly string[];
  /** Where the model is coarser than the manifests, in one sentence each. */
  readonly simplified: readonly string[];
}

export const USED_KINDS = [
  "Node",
  "Pod",
  "ReplicaSet",
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "PodDisruptionBudget",
] as const;

const NOT_READY = "node.kubernetes.io/not-ready";
const UNREACHABLE = "node.kubernetes.io/unreachable";
const CORDON_TAINT = "node.kubernetes.io/unschedulable";

interface Workload {
  readonly app: string;
  readonly kind: Owner["kind"] | "Pod";
  readonly namespace: string;
  readonly labels: Labels;
}

class Notes {
  readonly ignored: string[] = [];
  readonly simplified = new Set<string>();
  count(what: Map<string, number>, key: string): void {
    what.set(key, (what.get(key) ?? 0) + 1);
  }
}

const byKind = (objects: readonly KubeObject[], kind: string) => objects.filter((o) => o.kind === kind);

export function clusterFromManifests(objects: readonly KubeObject[]): ImportedModel {
  const notes = new Notes();
  const unused = new Map<string, number>();
  for (const o of objects)
    if (!(USED_KINDS as readonly string[]).includes(o.kind)) notes.count(unused, o.kind);
  if (unused.size)
    notes.ignored.push(
      `kinds the model does not use: ${[...unused].map(([k, n]) => `${k} ×${n}`).join(", ")}`,
    );

  const nodes = importNodes(byKind(objects, "Node"), notes);
  if (nodes.length === 0) throw new ManifestError("the input has no Node objects: nothing to plan on");
  if (nodes.length > MAX_NODES)
    throw new ManifestError(`the input has ${nodes.length} nodes; the model handles at most ${MAX_NODES}`);

  const workloads = importWorkloads(objects, notes);
  const pods = importPods(byKind(objects, "Pod"), new Set(nodes.map((n) => n.name)), workloads, notes);
  const budgets = importBudgets(byKind(objects, "PodDisruptionBudget"), workloads.all, pods, notes);
  const policies = new Set(
    byKind(objects, "PodDisruptionBudget").map(
      (p) => rec(p.spec).unhealthyPodEvictionPolicy ?? "IfHealthyBudget",
    ),
  );
  if (policies.size > 1)
    notes.simplified.add(
      "budgets mix unhealthyPodEvictionPolicy values; the model applies IfHealthyBudget to all",
    );
  const policy = policies.size === 1 && policies.has("AlwaysAllow") ? "AlwaysAllow" : "IfHealthyBudget";

  notes.simplified.add(
    "resource requests, node capacity, affinity, nodeSelector and topology spread are not modelled: any Ready, schedulable node takes any pod (the scheduler prefers the node with the fewest pods)",
  );
  notes.simplified.add(
    `every pod gets terminationGracePeriodSeconds ${defaults.terminationGracePeriodSeconds} and the default 300 s not-ready/unreachable tolerations; pods start and turn Ready at once`,
  );

  const cluster: ImportedCluster = {
    nodes,
    replicaSets: workloads.replicaSets,
    statefulSets: workloads.statefulSets,
    daemonSets: workloads.daemonSets,
    budgets,
    pods,
    goals: null,
  };
  const config: ClusterConfig = {
    ...defaults,
    nodes: nodes.length,
    unhealthyPodEvictionPolicy: policy,
    cluster,
  };
  return {
    config,
    initialState: init({ config, flaws: new Set() }),
    ignored: notes.ignored,
    simplified: [...notes.simplified],
  };
}

function importNodes(objects: readonly KubeObject[], notes: Notes): ImportedNode[] {
  const nodes = objects.map((o): ImportedNode => {
    const ready = conditionStatus(o.status, "Ready");
    let unschedulable = rec(o.spec).unschedulable === true;
    let taint: ImportedNode["taint"] = null;
    for (const t of list(rec(o.spec).taints)) {
      const { key, effect } = rec(t);
      if ((key === NOT_READY || key === UNREACHABLE) && effect === "NoExecute") taint = key;
      else if (key === CORDON_TAINT || effect === "PreferNoSchedule") continue;
      else if (effect === "NoSchedule" || effect === "NoExecute") {
        unschedulable = true;
        notes.simplified.add(
          `node ${o.metadata.name} has taint ${String(key)}:${String(effect)}; the model has no tolerations, so no new pod lands there (as if cordoned; DaemonSet pods still do)`,
        );
      }
    }
    return {
      name: o.metadata.name,
      ready: ready === "True" || ready === "False" ? ready : "Unknown",
      unschedulable,
      taint,
    };
  });
  return nodes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

interface Workloads {
  readonly replicaSets: ReplicaSet[];
  readonly statefulSets: StatefulSet[];
  readonly daemonSets: string[];
  /** Every controller and bare pod, with the labels its pods carry, for budget selectors. */
  readonly all: Workload[];
  /** kind/namespace/name → model name, for pods' owner references. */
  readonly owners: Map<string, { kind: Owner["kind"]; name: string } | "skip">;
  /** Deployment scale per ReplicaSet name (the disruption controller counts the Deployment's). */
  readonly scale: Map<string, number>;
}

function importWorkloads(objects: readonly KubeObject[], notes: Notes): Workloads {
  const w: Workloads = {
    replicaSets: [],
    statefulSets: [],
    daemonSets: [],
    all: [],
    owners: new Map(),
    scale: new Map(),
  };
  const deployments = new Map(byKind(objects, "Deployment").map((d) => [qualified(d), d]));
  const deploymentsWithRs = new Set<string>();
  for (const o of byKind(objects, "ReplicaSet")) {
    const name = qualified(o);
    const owner = controllerOf(o);
    if (owner?.kind === "Deployment") deploymentsWithRs.add(`${namespaceOf(o)}/${owner.name}`);
    if (replicasOf(o) === 0) {
      w.owners.set(`ReplicaSet/${name}`, "skip");
      continue;
    }
    addReplicaSet(w, name, namespaceOf(o), replicasOf(o), template(o));
  }
  for (const [name, d] of deployments) {
    if (deploymentsWithRs.has(name) || replicasOf(d) === 0) continue;
    notes.simplified.add(
      `Deployment ${name} has no ReplicaSet in the input: modelled as a ReplicaSet of the same name`,
    );
    addReplicaSet(w, name, namespaceOf(d), replicasOf(d), template(d));
  }
  for (const o of byKind(objects, "StatefulSet")) {
    const name = qualified(o);
    if (rec(o.spec).podManagementPolicy === "Parallel")
      notes.simplified.add(
        `StatefulSet ${name} uses podManagementPolicy Parallel; the model creates pods OrderedReady`,
      );
    w.statefulSets.push({ name, replicas: replicasOf(o), emptyDir: hasEmptyDir(rec(template(o)).spec) });
    w.owners.set(`StatefulSet/${name}`, { kind: "StatefulSet", name });
    w.all.push({
      app: name,
      kind: "StatefulSet",
      namespace: namespaceOf(o),
      labels: labelsOf(template(o).metadata),
    });
  }
  for (const o of byKind(objects, "DaemonSet")) {
    const name = qualified(o);
    const spec = rec(template(o).spec);
    if (spec.nodeSelector !== undefined || spec.affinity !== undefined)
      notes.simplified.add(
        `DaemonSet ${name} has a nodeSelector or affinity; the model runs it on every Ready node`,
      );
    w.daemonSets.push(name);
    w.owners.set(`DaemonSet/${name}`, { kind: "DaemonSet", name });
    w.all.push({
      app: name,
      kind: "DaemonSet",
      namespace: namespaceOf(o),
      labels: labelsOf(template(o).metadata),
    });
  }
  return w;
}

function addReplicaSet(
  w: Workloads,
  name: string,
  namespace: string,
  replicas: number,
  tpl: Readonly<Record<string, unknown>>,
) {
  w.replicaSets.push({ name, app: name, replicas, emptyDir: hasEmptyDir(tpl.spec) });
  w.owners.set(`ReplicaSet/${name}`, { kind: "ReplicaSet", name });
  w.all.push({ app: name, kind: "ReplicaSet", namespace, labels: labelsOf(tpl.metadata) });
}

function importPods(
  objects: readonly KubeObject[],
  nodeNames: ReadonlySet<string>,
  w: Workloads,
  notes: Notes,
): ImportedPod[] {
  const skipped = new Map<string, number>();
  const pods: ImportedPod[] = [];
  for (const o of objects) {
    const name = qualified(o);
    const phase = String(rec(o.status).phase ?? "Pending");
    const spec = rec(o.spec);
    const nodeName = typeof spec.nodeName === "string" ? spec.nodeName : null;
    if (rec(o.metadata.annotations)["kubernetes.io/config.mirror"] !== undefined) {
      notes.count(skipped, "mirror (static) pods, which drain skips and nothing evicts");
      continue;
    }
    if (phase === "Succeeded" || phase === "Failed") {
      notes.count(skipped, "finished (Succeeded/Failed) pods");
      continue;
    }
    if (o.metadata.deletionTimestamp !== undefined) {
      notes.count(skipped, "pods already terminating");
      continue;
    }
    if (nodeName !== null && !nodeNames.has(nodeName)) {
      notes.count(skipped, "pods bound to nodes missing from the input");
      continue;
    }
    const ref = controllerOf(o);
    let owner: Owner | null = null;
    if (ref) {
      const key = `${ref.kind}/${namespaceOf(o)}/${ref.name}`;
      let found = w.owners.get(key);
      if (
        found === undefined &&
        (ref.kind === "ReplicaSet" || ref.kind === "StatefulSet" || ref.kind === "DaemonSet")
      ) {
        found = synthesizeOwner(w, ref.kind, `${namespaceOf(o)}/${ref.name}`, o, objects);
        notes.simplified.add(
          `${ref.kind} ${namespaceOf(o)}/${ref.name} is not in the input: assumed to want the pods it has`,
        );
      }
      if (found === undefined) {
        notes.count(skipped, `pods owned by a ${ref.kind}, which the model has no controller for`);
        continue;
      }
      if (found === "skip") {
        notes.count(skipped, "pods of ReplicaSets scaled to 0");
        continue;
      }
      owner = found;
    }
    const app = owner ? owner.name : name;
    if (!owner) w.all.push({ app, kind: "Pod", namespace: namespaceOf(o), labels: labelsOf(o.metadata) });
    pods.push({
      name,
      app,
      owner,
      nodeName,
      phase: phase === "Running" && nodeName !== null ? "Running" : "Pending",
      ready: phase === "Running" && conditionStatus(o.status, "Ready") === "True",
      emptyDir: hasEmptyDir(spec),
    });
  }
  if (skipped.size) notes.ignored.push(...[...skipped].map(([what, n]) => `${n} ${what}`));
  return pods;
}

/** A controller the pods name but the input lacks: it wants as many pods as reference it. */
function synthesizeOwner(
  w: Workloads,
  kind: "ReplicaSet" | "StatefulSet" | "DaemonSet",
  name: string,
  pod: KubeObject,
  pods: readonly KubeObject[],
): Owner {
  const [namespace, short] = name.split("/") as [string, string];
  const mine = pods.filter((p) => namespaceOf(p) === namespace && controllerOf(p)?.name === short);
  const labels = labelsOf(pod.metadata);
  if (kind === "ReplicaSet")
    addReplicaSet(w, name, namespace, mine.length, { metadata: { labels }, spec: pod.spec });
  else if (kind === "StatefulSet") {
    w.statefulSets.push({ name, replicas: mine.length, emptyDir: hasEmptyDir(pod.spec) });
    w.all.push({ app: name, kind, namespace, labels });
  } else {
    w.daemonSets.push(name);
    w.all.push({ app: name, kind, namespace, labels });
  }
  const owner = { kind, name };
  w.owners.set(`${kind}/${name}`, owner);
  return owner;
}

function importBudgets(
  objects: readonly KubeObject[],
  workloads: readonly Workload[],
  pods: readonly ImportedPod[],
  notes: Notes,
): Budget[] {
  const budgets: Budget[] = [];
  for (const o of objects) {
    const name = qualified(o);
    const where = `PodDisruptionBudget ${name}`;
    const spec = rec(o.spec);
    const { minAvailable, maxUnavailable } = spec;
    if (minAvailable !== undefined && maxUnavailable !== undefined)
      throw new ManifestError(`${where} sets both minAvailable and maxUnavailable`);
    for (const [field, value] of [
      ["minAvailable", minAvailable],
      ["maxUnavailable", maxUnavailable],
    ] as const) {
      const problem = value === undefined ? undefined : intOrPercentProblem(value);
      if (problem) throw new ManifestError(`${where} has ${field} ${problem}`);
    }
    const matches = compileSelector(spec.selector, where);
    const apps = workloads.filter((w) => w.namespace === namespaceOf(o) && matches(w.labels));
    if (apps.length === 0 || !apps.some((w) => pods.some((p) => p.app === w.app) || w.kind !== "Pod")) {
      notes.ignored.push(`${where}, which selects no pod the model runs`);
      continue;
    }
    const scaled = maxUnavailable !== undefined || typeof minAvailable === "string";
    const daemon = apps.find((w) => w.kind === "DaemonSet");
    if (scaled && daemon)
      throw new ManifestError(
        `${where} selects DaemonSet ${daemon.app} pods with ${maxUnavailable !== undefined ? "maxUnavailable" : "a percentage"}: the disruption controller finds no scale for a DaemonSet, so the model cannot represent it`,
      );
    const budget: { -readonly [K in keyof Budget]: Budget[K] } = { name, apps: apps.map((w) => w.app) };
    if (minAvailable !== undefined) budget.minAvailable = minAvailable as IntOrPercent;
    else if (maxUnavailable !== undefined) budget.maxUnavailable = maxUnavailable as IntOrPercent;
    else {
      // policy/v1 has no defaulting: with neither field the controller computes expectedPods 0, so disruptionsAllowed stays 0
      budget.maxUnavailable = 0;
      notes.simplified.add(
        `${where} sets neither minAvailable nor maxUnavailable: it allows no eviction, modelled as maxUnavailable 0`,
      );
    }
    budgets.push(budget);
  }
  return budgets;
}
