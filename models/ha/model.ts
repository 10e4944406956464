/** The HA control plane model assembled: config, reducer, vocabulary, invariants, witnesses, flaws and `faultline quorum`. */
import { defineModel } from "../../src/define.ts";
import { enabled } from "./enabled.ts";
import { describeEvent, events } from "./events.ts";
import { flaws } from "./flaws.ts";
import { invariants } from "./invariants.ts";
import { quorumCommand } from "./quorum-command.ts";
import { step } from "./reducer.ts";
import { defaults, initialState, MAX_CONTROL_PLANES, MAX_ETCD_MEMBERS } from "./state.ts";
import { timeline } from "./timeline.ts";
import { view } from "./view.ts";
import { witnesses } from "./witnesses.ts";

export const ha = defineModel({
  name: "ha",
  summary:
    "An HA control plane (kubeadm stacked or external etcd) behind a load balancer: etcd quorum, active-active apiservers, active-passive controller manager and scheduler, under host, load-balancer and link failures.",
  params: [
    {
      key: "topology",
      flag: "topology",
      doc: "stacked: an etcd member on every control-plane node (kubeadm's default); external: etcd on its own hosts.",
      type: "enum",
      values: ["stacked", "external"],
    },
    {
      key: "controlPlanes",
      flag: "control-planes",
      doc: "Control-plane nodes, each running kube-apiserver, kube-controller-manager and kube-scheduler.",
      type: "int",
      min: 1,
      max: MAX_CONTROL_PLANES,
      generate: { min: 1, max: 5 },
    },
    {
      key: "etcdMembers",
      flag: "etcd-members",
      doc: "Members of the external etcd cluster (external topology only; stacked has one per control-plane node).",
      type: "int",
      min: 1,
      max: MAX_ETCD_MEMBERS,
      generate: { min: 1, max: 5 },
    },
    {
      key: "leaseDuration",
      flag: "lease-duration",
      doc: "--leader-elect-lease-duration of the controller manager and scheduler, seconds.",
      type: "int",
      min: 1,
      max: 300,
    },
    {
      key: "renewDeadline",
      flag: "renew-deadline",
      doc: "--leader-elect-renew-deadline, seconds: a leader that cannot renew this long gives up.",
      type: "int",
      min: 1,
      max: 300,
    },
    {
      key: "writeBound",
      flag: "write-bound",
      doc: "Seconds after the last fault within which writes must resume when a quorum and an apiserver are up (etcd's randomized election timeout is below 2 s).",
      type: "int",
      min: 1,
      max: 60,
    },
  ],
  defaults,
  validateConfig: (c) =>
    c.renewDeadline < c.leaseDuration
      ? undefined
      : `--renew-deadline (${c.renewDeadline}) must be less than --lease-duration (${c.leaseDuration}), as client-go requires`,
  maxSteps: 80,
  init: (ctx) => initialState(ctx.config),
  step,
  events,
  enabled,
  describeEvent,
  view,
  invariants,
  witnesses,
  flaws,
  extensions: { timeline, commands: [quorumCommand] },
});
