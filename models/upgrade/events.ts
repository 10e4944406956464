/**
 * The schedule vocabulary: the operator's actions (free-form under `--strategy free`), one
 * `operator-next` event that performs the chosen strategy's next step, and faults.
 */
import fc from "fast-check";
import { type ConfigValues, type Field, field } from "../../src/fields.ts";
import type { Context, EventKind } from "../../src/model.ts";
import {
  type Action,
  controlPlaneName,
  startMinor,
  type UpgradeConfig,
  type UpgradeState,
  workerName,
} from "./state.ts";
import { nextAction } from "./strategies.ts";
import { LATEST_PATCH, parse, releaseMinor } from "./versions.ts";

export type { Action } from "./state.ts";

export type UpgradeEvent =
  | Action
  | { readonly kind: "operator-next" }
  | { readonly kind: "node-fails"; readonly node: string }
  | { readonly kind: "node-recovers"; readonly node: string };

/** Workers added during an upgrade get fresh names, so events may name a few beyond the initial pool. */
const ADDED_WORKER_NAMES = 4;

const upgradeConfig = (config: ConfigValues) => config as unknown as UpgradeConfig;

function controlPlaneNames(config: ConfigValues): string[] {
  return Array.from({ length: upgradeConfig(config).controlPlanes }, (_, i) => controlPlaneName(i + 1));
}

function workerNames(config: ConfigValues): string[] {
  return Array.from({ length: upgradeConfig(config).workers + ADDED_WORKER_NAMES }, (_, i) =>
    workerName(i + 1),
  );
}

const controlPlaneNode = field.oneOf(controlPlaneNames);
const workerNode = field.oneOf(workerNames);
const anyNode = field.oneOf((config) => [...controlPlaneNames(config), ...workerNames(config)]);

/**
 * A package version the repository offers around this upgrade: mostly one the upgrade moves
 * through, now and then one minor older than the start. Stored as text ("1.13.2"), as typed.
 */
const version: Field<string> = field.custom({
  describe: "a version like 1.13.2",
  arbitrary: (scope) => {
    const config = upgradeConfig(scope);
    const start = startMinor(config);
    return fc
      .record({
        minor: fc.oneof(
          { arbitrary: fc.integer({ min: start, max: releaseMinor(config.policyRelease) }), weight: 6 },
          { arbitrary: fc.constant(start - 1), weight: 1 },
        ),
        patch: fc.integer({ min: 0, max: LATEST_PATCH }),
      })
      .map(({ minor, patch }) => `1.${minor}.${patch}`);
  },
  check: (value) =>
    typeof value === "string" && parse(value)
      ? undefined
      : `must look like 1.13.2 (got ${JSON.stringify(value)})`,
});

/** The free-form operator drains through the Eviction API; --disable-eviction is the all-at-once plan's. */
const evictionDisabled: Field<boolean> = field.custom({
  describe: "true or false (generated: false)",
  arbitrary: () => fc.constant<boolean>(false),
  check: (value) =>
    typeof value === "boolean" ? undefined : `must be true or false (got ${JSON.stringify(value)})`,
});

/** How often the operator takes each free-form action under `--strategy free`. */
const FREE_FORM_WEIGHT = {
  "upgrade-kubeadm": 2,
  "kubeadm-plan": 1,
  "kubeadm-apply": 3,
  "kubeadm-upgrade-node": 2,
  cordon: 1,
  drain: 3,
  "upgrade-kubelet": 3,
  "upgrade-kube-proxy": 2,
  uncordon: 2,
  "add-node": 1,
  "remove-node": 1,
  "upgrade-kubectl": 1,
} as const satisfies Readonly<Record<Action["kind"], number>>;

const OPERATOR_TURNS = Object.values(FREE_FORM_WEIGHT).reduce((sum, w) => sum + w, 0);

const isFree = (scope: UpgradeConfig) => scope.strategy === "free";

/** A free-form action: generated only under `--strategy free` (under a plan its turns are `operator-next`). */
function freeForm<const Fields>(kind: Action["kind"], doc: string, fields: Fields) {
  return { doc, weight: (scope: UpgradeConfig) => (isFree(scope) ? FREE_FORM_WEIGHT[kind] : 0), fields };
}

/*
 * Weights count half-turns of the operator. Under a plan every operator turn is the plan's next
 * step; under `free` half of them are, the other half a free-form action — an operator who follows
 * the plan and improvises in between, so free schedules still get a cluster all the way up.
 */
export const events = {
  "operator-next": {
    doc: "the operator performs the next step of the chosen strategy (a retry when the last one was refused)",
    weight: (scope: UpgradeConfig) => (isFree(scope) ? OPERATOR_TURNS : 2 * OPERATOR_TURNS),
  },
  "node-fails": {
    doc: "a node fails (powered off): its pods stop serving, its components stop",
    weight: 4,
    fields: { node: anyNode },
  },
  "node-recovers": {
    doc: "a failed node comes back with the versions it had",
    weight: 6,
    fields: { node: anyNode },
  },
  "upgrade-kubeadm": freeForm("upgrade-kubeadm", "free-form: install a kubeadm package version", { version }),
  "kubeadm-plan": freeForm("kubeadm-plan", "free-form: run `kubeadm upgrade plan`", {}),
  "kubeadm-apply": freeForm(
    "kubeadm-apply",
    "free-form: `kubeadm upgrade apply vX.Y.Z` on a control-plane node, maybe with --force",
    { node: controlPlaneNode, version, force: field.bool() },
  ),
  "kubeadm-upgrade-node": freeForm(
    "kubeadm-upgrade-node",
    "free-form: `kubeadm upgrade node` on another control-plane node",
    { node: controlPlaneNode },
  ),
  cordon: freeForm("cordon", "free-form: `kubectl cordon`", { node: anyNode }),
  drain: freeForm(
    "drain",
    "free-form: `kubectl drain` (cordon, then evict through the Eviction API; --disable-eviction deletes instead)",
    { node: anyNode, disableEviction: evictionDisabled },
  ),
  "upgrade-kubelet": freeForm(
    "upgrade-kubelet",
    "free-form: install a kubelet package and restart the kubelet",
    {
      node: anyNode,
      version,
    },
  ),
  "upgrade-kube-proxy": freeForm("upgrade-kube-proxy", "free-form: move a worker's kube-proxy to a version", {
    node: workerNode,
    version,
  }),
  uncordon: freeForm("uncordon", "free-form: `kubectl uncordon`", { node: anyNode }),
  "add-node": freeForm(
    "add-node",
    "free-form: `kubeadm join` a new worker with kubelet and kube-proxy at a version",
    { version },
  ),
  "remove-node": freeForm("remove-node", "free-form: `kubectl delete node` a worker", { node: workerNode }),
  "upgrade-kubectl": freeForm("upgrade-kubectl", "free-form: install a kubectl version", { version }),
} as const satisfies Readonly<Record<UpgradeEvent["kind"], EventKind<UpgradeConfig>>>;

export function describeEvent(
  event: UpgradeEvent,
  before: UpgradeState,
  ctx: Context<UpgradeConfig>,
): string {
  switch (event.kind) {
    case "operator-next": {
      const action = nextAction(before, ctx);
      return `the operator takes the ${ctx.config.strategy} plan's next step${action ? `: ${describeAction(action)}` : " (nothing to do yet)"}`;
    }
    case "node-fails":
      return `node ${event.node} fails`;
    case "node-recovers":
      return `node ${event.node} recovers`;
    default:
      return describeAction(event);
  }
}

export function describeAction(action: Action): string {
  switch (action.kind) {
    case "upgrade-kubeadm":
      return `install kubeadm ${action.version}`;
    case "kubeadm-plan":
      return "kubeadm upgrade plan";
    case "kubeadm-apply":
      return `kubeadm upgrade apply v${action.version}${action.force ? " --force" : ""} on ${action.node}`;
    case "kubeadm-upgrade-node":
      return `kubeadm upgrade node on ${action.node}`;
    case "cordon":
      return `kubectl cordon ${action.node}`;
    case "drain":
      return `kubectl drain ${action.node}${action.disableEviction ? " --disable-eviction" : ""}`;
    case "upgrade-kubelet":
      return `install kubelet ${action.version} on ${action.node} and restart it`;
    case "upgrade-kube-proxy":
      return `move kube-proxy on ${action.node} to ${action.version}`;
    case "uncordon":
      return `kubectl uncordon ${action.node}`;
    case "add-node":
      return `kubeadm join a new worker at ${action.version}`;
    case "remove-node":
      return `kubectl delete node ${action.node}`;
    case "upgrade-kubectl":
      return `install kubectl ${action.version}`;
  }
}
