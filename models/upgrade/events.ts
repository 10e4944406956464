/**
 * The schedule vocabulary: the operator's actions (free-form under `--strategy free`), one
 * `operator-next` event that performs the chosen strategy's next step, and faults.
 */
import fc, { type Arbitrary } from "fast-check";
import type { Context, EventKind } from "../../src/model.ts";
import { controlPlaneName, startMinor, type UpgradeConfig, type UpgradeState, workerName } from "./state.ts";
import { nextAction } from "./strategies.ts";
import { LATEST_PATCH, parse, releaseMinor } from "./versions.ts";

/** What an operator does, by hand or by following a strategy. */
export type Action =
  | { readonly kind: "upgrade-kubeadm"; readonly version: string }
  | { readonly kind: "kubeadm-plan" }
  | {
      readonly kind: "kubeadm-apply";
      readonly node: string;
      readonly version: string;
      readonly force: boolean;
    }
  | { readonly kind: "kubeadm-upgrade-node"; readonly node: string }
  | { readonly kind: "cordon"; readonly node: string }
  | { readonly kind: "drain"; readonly node: string; readonly disableEviction: boolean }
  | { readonly kind: "upgrade-kubelet"; readonly node: string; readonly version: string }
  | { readonly kind: "upgrade-kube-proxy"; readonly node: string; readonly version: string }
  | { readonly kind: "uncordon"; readonly node: string }
  | { readonly kind: "add-node"; readonly version: string }
  | { readonly kind: "remove-node"; readonly node: string }
  | { readonly kind: "upgrade-kubectl"; readonly version: string };

export type UpgradeEvent =
  | Action
  | { readonly kind: "operator-next" }
  | { readonly kind: "node-fails"; readonly node: string }
  | { readonly kind: "node-recovers"; readonly node: string };

type Kind = EventKind<UpgradeConfig, UpgradeEvent>;
type Fields = Readonly<Record<string, unknown>>;

/** Workers added during an upgrade get fresh names, so events may name a few beyond the initial pool. */
const ADDED_WORKER_NAMES = 4;

/**
 * The operator's turn: under a planned strategy the plan's next step; under `free` the free-form
 * action or, as often, the one-at-a-time plan's next step — an operator who follows the plan and
 * improvises in between, so free schedules still get a cluster all the way up.
 */
function operatorTurn(scope: UpgradeConfig, action: Arbitrary<UpgradeEvent>): Arbitrary<UpgradeEvent> {
  const next = fc.constant<UpgradeEvent>({ kind: "operator-next" });
  return scope.strategy === "free" ? fc.oneof(action, next) : next;
}

function nodeArbitrary(scope: UpgradeConfig) {
  return fc.oneof(
    fc.integer({ min: 1, max: scope.controlPlanes }).map(controlPlaneName),
    fc.integer({ min: 1, max: scope.workers + ADDED_WORKER_NAMES }).map(workerName),
  );
}

/** Versions the package repository offers around this upgrade: mostly those the upgrade moves through, now and then one minor older than the start. */
function versionArbitrary(scope: UpgradeConfig) {
  const start = startMinor(scope);
  return fc
    .record({
      minor: fc.oneof(
        { arbitrary: fc.integer({ min: start, max: releaseMinor(scope.policyRelease) }), weight: 6 },
        { arbitrary: fc.constant(start - 1), weight: 1 },
      ),
      patch: fc.integer({ min: 0, max: LATEST_PATCH }),
    })
    .map(({ minor, patch }) => `1.${minor}.${patch}`);
}

function checkNode(event: Fields): string | undefined {
  return typeof event.node === "string" && /^(cp|w)[1-9]\d*$/.test(event.node)
    ? undefined
    : "node must name a node like cp1 or w2";
}

function checkVersion(event: Fields): string | undefined {
  return typeof event.version === "string" && parse(event.version)
    ? undefined
    : "version must look like 1.13.2";
}

function checkBoolean(event: Fields, field: string): string | undefined {
  return typeof event[field] === "boolean" ? undefined : `${field} must be true or false`;
}

const both =
  (...checks: ((e: Fields) => string | undefined)[]) =>
  (e: Fields) => {
    for (const c of checks) {
      const problem = c(e);
      if (problem) return problem;
    }
    return undefined;
  };

export const events: Readonly<Record<UpgradeEvent["kind"], Kind>> = {
  "operator-next": {
    doc: "the operator performs the next step of the chosen strategy (a retry when the last one was refused); generated in the free-form kinds' turns",
    weight: 0,
    arbitrary: () => fc.constant({ kind: "operator-next" }),
    check: () => undefined,
  },
  "node-fails": {
    doc: "a node fails (powered off): its pods stop serving, its components stop",
    weight: 2,
    arbitrary: (scope) => nodeArbitrary(scope).map((node) => ({ kind: "node-fails", node })),
    check: checkNode,
  },
  "node-recovers": {
    doc: "a failed node comes back with the versions it had",
    weight: 3,
    arbitrary: (scope) => nodeArbitrary(scope).map((node) => ({ kind: "node-recovers", node })),
    check: checkNode,
  },
  "upgrade-kubeadm": {
    doc: "free-form: install a kubeadm package version",
    weight: 2,
    arbitrary: (scope) =>
      operatorTurn(
        scope,
        versionArbitrary(scope).map((version) => ({ kind: "upgrade-kubeadm", version })),
      ),
    check: checkVersion,
  },
  "kubeadm-plan": {
    doc: "free-form: run `kubeadm upgrade plan`",
    weight: 1,
    arbitrary: (scope) => operatorTurn(scope, fc.constant({ kind: "kubeadm-plan" })),
    check: () => undefined,
  },
  "kubeadm-apply": {
    doc: "free-form: `kubeadm upgrade apply vX.Y.Z` on a control-plane node, maybe with --force",
    weight: 3,
    arbitrary: (scope) =>
      operatorTurn(
        scope,
        fc
          .record({
            node: fc.integer({ min: 1, max: scope.controlPlanes }).map(controlPlaneName),
            version: versionArbitrary(scope),
            force: fc.boolean(),
          })
          .map((f) => ({ kind: "kubeadm-apply", ...f })),
      ),
    check: both(checkNode, checkVersion, (e) => checkBoolean(e, "force")),
  },
  "kubeadm-upgrade-node": {
    doc: "free-form: `kubeadm upgrade node` on another control-plane node",
    weight: 2,
    arbitrary: (scope) =>
      operatorTurn(
        scope,
        fc
          .integer({ min: 1, max: scope.controlPlanes })
          .map((i) => ({ kind: "kubeadm-upgrade-node", node: controlPlaneName(i) })),
      ),
    check: checkNode,
  },
  cordon: {
    doc: "free-form: `kubectl cordon`",
    weight: 1,
    arbitrary: (scope) =>
      operatorTurn(
        scope,
        nodeArbitrary(scope).map((node) => ({ kind: "cordon", node })),
      ),
    check: checkNode,
  },
  drain: {
    doc: "free-form: `kubectl drain` (cordon, then evict through the Eviction API; --disable-eviction deletes instead)",
    weight: 3,
    arbitrary: (scope) =>
      operatorTurn(
        scope,
        nodeArbitrary(scope).map((node) => ({ kind: "drain", node, disableEviction: false })),
      ),
    check: both(checkNode, (e) => checkBoolean(e, "disableEviction")),
  },
  "upgrade-kubelet": {
    doc: "free-form: install a kubelet package and restart the kubelet",
    weight: 3,
    arbitrary: (scope) =>
      operatorTurn(
        scope,
        fc
          .record({ node: nodeArbitrary(scope), version: versionArbitrary(scope) })
          .map((f) => ({ kind: "upgrade-kubelet", ...f })),
      ),
    check: both(checkNode, checkVersion),
  },
  "upgrade-kube-proxy": {
    doc: "free-form: move a worker's kube-proxy to a version",
    weight: 2,
    arbitrary: (scope) =>
      operatorTurn(
        scope,
        fc
          .record({
            node: fc.integer({ min: 1, max: scope.workers + ADDED_WORKER_NAMES }).map(workerName),
            version: versionArbitrary(scope),
          })
          .map((f) => ({ kind: "upgrade-kube-proxy", ...f })),
      ),
    check: both(checkNode, checkVersion),
  },
  uncordon: {
    doc: "free-form: `kubectl uncordon`",
    weight: 2,
    arbitrary: (scope) =>
      operatorTurn(
        scope,
        nodeArbitrary(scope).map((node) => ({ kind: "uncordon", node })),
      ),
    check: checkNode,
  },
  "add-node": {
    doc: "free-form: `kubeadm join` a new worker with kubelet and kube-proxy at a version",
    weight: 1,
    arbitrary: (scope) =>
      operatorTurn(
        scope,
        versionArbitrary(scope).map((version) => ({ kind: "add-node", version })),
      ),
    check: checkVersion,
  },
  "remove-node": {
    doc: "free-form: `kubectl delete node` a worker",
    weight: 1,
    arbitrary: (scope) =>
      operatorTurn(
        scope,
        fc
          .integer({ min: 1, max: scope.workers + ADDED_WORKER_NAMES })
          .map((i) => ({ kind: "remove-node", node: workerName(i) })),
      ),
    check: checkNode,
  },
  "upgrade-kubectl": {
    doc: "free-form: install a kubectl version",
    weight: 1,
    arbitrary: (scope) =>
      operatorTurn(
        scope,
        versionArbitrary(scope).map((version) => ({ kind: "upgrade-kubectl", version })),
      ),
    check: checkVersion,
  },
};

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
