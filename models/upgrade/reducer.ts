/**
 * The reducer. Operator actions pass the runbook (a forbidden action is not done: skipped), then
 * the tools, which may refuse in their own words (kept in `operator.lastRefusal`). Under a
 * planned strategy the operator acts only through `operator-next`; under `free` also through the
 * free-form events.
 */
import type { Context } from "../../src/model.ts";
import { type Action, describeAction, type UpgradeEvent } from "./events.ts";
import { applyRefusal, joinRefusal, planReport, upgradeNodeRefusal } from "./kubeadm.ts";
import { runbookForbids } from "./runbook.ts";
import {
  type ControlPlaneNode,
  newestMinor,
  startMinor,
  type UpgradeConfig,
  type UpgradeState,
  type WorkerNode,
  workerName,
} from "./state.ts";
import { nextAction } from "./strategies.ts";
import { LATEST_PATCH, parse, same, type Version, v } from "./versions.ts";
import { drain, removeWorker, schedulePending } from "./workloads.ts";

type Ctx = Context<UpgradeConfig>;

export function step(state: UpgradeState, event: UpgradeEvent, ctx: Ctx): UpgradeState {
  const free = ctx.config.strategy === "free";
  switch (event.kind) {
    case "operator-next": {
      const action = nextAction(state, ctx);
      return action ? operate(state, action, ctx) : state;
    }
    case "node-fails":
      return setUp(state, event.node, false);
    case "node-recovers":
      return setUp(state, event.node, true);
    default:
      return free ? operate(state, event, ctx) : state;
  }
}

function setUp(state: UpgradeState, name: string, up: boolean): UpgradeState {
  const cp = state.controlPlane[name];
  if (cp)
    return cp.up === up
      ? state
      : { ...state, controlPlane: { ...state.controlPlane, [name]: { ...cp, up } } };
  const w = state.workers[name];
  if (!w || w.up === up) return state;
  return schedulePending({ ...state, workers: { ...state.workers, [name]: { ...w, up } } });
}

interface Outcome {
  readonly state: UpgradeState;
  readonly refusal?: string;
}

function operate(state: UpgradeState, action: Action, ctx: Ctx): UpgradeState {
  if ("version" in action && !available(action.version, ctx.config)) return state;
  if (runbookForbids(state, action, ctx) !== undefined) return state;
  const outcome = perform(state, action, ctx);
  const lastAction = describeAction(action);
  const { refusal } = outcome;
  if (outcome.state === state && (refusal === undefined || refusal === state.operator.lastRefusal))
    return state;
  const next = outcome.state;
  const minors = next.history.clusterMinors;
  const history =
    minors[minors.length - 1] === next.clusterVersion.minor
      ? next.history
      : { ...next.history, clusterMinors: [...minors, next.clusterVersion.minor] };
  return { ...next, operator: { ...next.operator, lastAction, lastRefusal: refusal }, history };
}

/** The package repository: patches 0…LATEST_PATCH of the minors from one before the start to the newest. */
function available(text: string, config: UpgradeConfig): boolean {
  const version = parse(text);
  return (
    version !== undefined &&
    version.major === 1 &&
    version.minor >= startMinor(config) - 1 &&
    version.minor <= newestMinor(config) &&
    version.patch <= LATEST_PATCH
  );
}

function perform(state: UpgradeState, action: Action, ctx: Ctx): Outcome {
  switch (action.kind) {
    case "upgrade-kubeadm":
      return { state: setOperator(state, "kubeadm", parse(action.version)!) };
    case "upgrade-kubectl":
      return { state: setOperator(state, "kubectl", parse(action.version)!) };
    case "kubeadm-plan": {
      const cv = state.clusterVersion;
      const target =
        cv.minor < newestMinor(ctx.config) ? v(cv.minor + 1, LATEST_PATCH) : v(cv.minor, LATEST_PATCH);
      const plan = planReport(state, target, ctx);
      return {
        state: plan === state.operator.plan ? state : { ...state, operator: { ...state.operator, plan } },
      };
    }
    case "kubeadm-apply": {
      const cp = state.controlPlane[action.node];
      if (!cp?.up) return { state };
      const target = parse(action.version)!;
      const refusal = applyRefusal(state, target, action.force, ctx);
      if (refusal) return { state, refusal };
      const upgraded = upgradeControlPlane(state, action.node, cp, target);
      return {
        state: same(state.clusterVersion, target) ? upgraded : { ...upgraded, clusterVersion: target },
      };
    }
    case "kubeadm-upgrade-node": {
      const cp = state.controlPlane[action.node];
      if (!cp?.up || same(cp.apiserver, state.clusterVersion)) return { state };
      const refusal = upgradeNodeRefusal(state);
      return refusal
        ? { state, refusal }
        : { state: upgradeControlPlane(state, action.node, cp, state.clusterVersion) };
    }
    case "cordon":
    case "uncordon":
      return { state: setCordoned(state, action.node, action.kind === "cordon") };
    case "drain": {
      if (state.controlPlane[action.node]) return { state: setCordoned(state, action.node, true) };
      const w = state.workers[action.node];
      if (!w) return { state };
      if (!w.up)
        return {
          state: setCordoned(state, action.node, true),
          refusal: `drain ${action.node}: node is NotReady, its evicted pods cannot terminate; waiting`,
        };
      const result = drain(state, action.node, action.disableEviction);
      if (!result.blocked) return { state: result.state };
      const blocked = { ...result.state.history, blockedDrains: result.state.history.blockedDrains + 1 };
      return {
        state: { ...result.state, history: blocked },
        refusal: `drain ${action.node}: ${result.blocked}`,
      };
    }
    case "upgrade-kubelet": {
      const version = parse(action.version)!;
      const cp = state.controlPlane[action.node];
      if (cp)
        return {
          state:
            cp.up && !same(cp.kubelet, version)
              ? setControlPlane(state, action.node, { ...cp, kubelet: version })
              : state,
        };
      const w = state.workers[action.node];
      return {
        state:
          w?.up && !same(w.kubelet, version)
            ? setWorker(state, action.node, { ...w, kubelet: version })
            : state,
      };
    }
    case "upgrade-kube-proxy": {
      const version = parse(action.version)!;
      const w = state.workers[action.node];
      return {
        state:
          w?.up && !same(w.kubeProxy, version)
            ? setWorker(state, action.node, { ...w, kubeProxy: version })
            : state,
      };
    }
    case "add-node": {
      const version = parse(action.version)!;
      const refusal = joinRefusal(state, version);
      if (refusal) return { state, refusal };
      const name = workerName(state.nextWorker);
      const worker: WorkerNode = {
        up: true,
        cordoned: false,
        kubelet: version,
        kubeProxy: version,
        pods: [],
      };
      return {
        state: schedulePending({
          ...state,
          workers: { ...state.workers, [name]: worker },
          nextWorker: state.nextWorker + 1,
        }),
      };
    }
    case "remove-node":
      return { state: state.workers[action.node] ? removeWorker(state, action.node) : state };
  }
}

/** kubeadm replaces the static pods one by one (etcd, apiserver, controller-manager, scheduler); atomic here. */
function upgradeControlPlane(
  state: UpgradeState,
  name: string,
  cp: ControlPlaneNode,
  target: Version,
): UpgradeState {
  return setControlPlane(state, name, {
    ...cp,
    etcd: target,
    apiserver: target,
    controllerManager: target,
    scheduler: target,
  });
}

function setOperator(state: UpgradeState, tool: "kubeadm" | "kubectl", version: Version): UpgradeState {
  return same(state.operator[tool], version)
    ? state
    : { ...state, operator: { ...state.operator, [tool]: version } };
}

function setControlPlane(state: UpgradeState, name: string, cp: ControlPlaneNode): UpgradeState {
  return { ...state, controlPlane: { ...state.controlPlane, [name]: cp } };
}

function setWorker(state: UpgradeState, name: string, w: WorkerNode): UpgradeState {
  return { ...state, workers: { ...state.workers, [name]: w } };
}

function setCordoned(state: UpgradeState, name: string, cordoned: boolean): UpgradeState {
  const cp = state.controlPlane[name];
  if (cp) return cp.cordoned === cordoned ? state : setControlPlane(state, name, { ...cp, cordoned });
  const w = state.workers[name];
  if (!w || w.cordoned === cordoned) return state;
  const next = setWorker(state, name, { ...w, cordoned });
  return cordoned ? next : schedulePending(next);
}
