/** The cluster upgrade model: version skew, kubeadm's rules and the worker strategies. */
import { defineModel } from "../../src/define.ts";
import { describeEvent, events } from "./events.ts";
import { flaws } from "./flaws.ts";
import { invariants } from "./invariants.ts";
import { step } from "./reducer.ts";
import { initialState, STRATEGIES, type UpgradeConfig } from "./state.ts";
import { timeline } from "./timeline.ts";
import { FIRST_RELEASE, RELEASES, releaseMinor } from "./versions.ts";
import { view } from "./view.ts";
import { witnesses } from "./witnesses.ts";

const defaults: UpgradeConfig = {
  strategy: "one-at-a-time",
  policyRelease: RELEASES[0]!,
  upgradeMinors: 2,
  supportedMinors: 3,
  controlPlanes: 3,
  workers: 3,
  maxUnavailable: 1,
};

export const upgrade = defineModel({
  name: "upgrade",
  summary:
    "kubeadm cluster upgrades: version-skew policy, kubeadm's checks, drain, worker strategies under node failures",
  params: [
    {
      key: "strategy",
      flag: "strategy",
      doc: "how the operator upgrades: a plan (one-at-a-time, add-new-nodes, all-at-once) or free-form generated actions under the runbook",
      type: "enum",
      values: STRATEGIES,
    },
    {
      key: "policyRelease",
      flag: "policy-release",
      doc: "the newest release: the upgrade's target, whose skew policy and kubeadm rules apply (1.36 = current)",
      type: "enum",
      values: RELEASES,
    },
    {
      key: "upgradeMinors",
      flag: "upgrade-minors",
      doc: "how many minors the cluster starts behind the newest release",
      type: "int",
      min: 1,
      max: 4,
    },
    {
      key: "supportedMinors",
      flag: "supported-minors",
      doc: "how many of the newest minors are supported (3 upstream)",
      type: "int",
      min: 2,
      max: 5,
    },
    {
      key: "controlPlanes",
      flag: "control-planes",
      doc: "control-plane nodes (stacked etcd)",
      type: "int",
      min: 1,
      max: 5,
      generate: { min: 1, max: 3 },
    },
    {
      key: "workers",
      flag: "worker-nodes",
      doc: "worker nodes at the start",
      type: "int",
      min: 1,
      max: 6,
      generate: { min: 1, max: 4 },
    },
    {
      key: "maxUnavailable",
      flag: "max-unavailable",
      doc: "workers the operator may take out of service at once",
      type: "int",
      min: 0,
      max: 6,
    },
  ],
  defaults,
  validateConfig: (config) => {
    if (config.upgradeMinors >= config.supportedMinors)
      return `--upgrade-minors ${config.upgradeMinors} starts the cluster outside the ${config.supportedMinors} supported minors`;
    if (releaseMinor(config.policyRelease) - config.upgradeMinors < FIRST_RELEASE - 1)
      return `--policy-release ${config.policyRelease} with --upgrade-minors ${config.upgradeMinors} starts before 1.10`;
    return undefined;
  },
  maxSteps: 200,
  init: (ctx) => initialState(ctx.config),
  step,
  events,
  describeEvent,
  view: (state) => view(state),
  invariants,
  witnesses,
  flaws,
  extensions: { timeline },
});
