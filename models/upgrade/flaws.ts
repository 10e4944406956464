/**
 * Deliberate mistakes, each one rule of the runbook forgotten or one kubeadm check missing, at the
 * line where it would be. They show under `--strategy free`, where generated operator schedules
 * try every order the (now weaker) rules allow.
 */
import type { Flaw } from "../../src/model.ts";

const free = { strategy: "free" } as const;

export const flaws = [
  {
    name: "kubelet-before-control-plane",
    doc: "the operator upgrades a kubelet (or kube-proxy) before every kube-apiserver is at that minor; skew-policy catches the kubelet newer than an apiserver",
    breaks: "skew-policy",
    config: free,
  },
  {
    name: "skip-minor",
    doc: "kubeadm lacks its mandatory 'can upgrade only 1 minor version at a time' check, so apply v1.(N+2) succeeds; one-minor-at-a-time catches the apiserver jumping two minors",
    breaks: "one-minor-at-a-time",
    config: free,
  },
  {
    name: "apply-before-kubeadm",
    doc: "kubeadm lacks its 'Upgrade kubeadm first' checks, so an older kubeadm applies a newer control plane; skew-policy catches an apiserver newer than the kubeadm that manages it",
    breaks: "skew-policy",
    config: free,
  },
  {
    name: "upgrade-without-drain",
    doc: "the operator upgrades a kubelet's minor in place without draining the node first; drained-before-kubelet-minor-upgrade catches it",
    breaks: "drained-before-kubelet-minor-upgrade",
    config: free,
  },
  {
    name: "kubectl-two-ahead",
    doc: "the operator installs a kubectl more than one minor newer than a kube-apiserver; skew-policy catches kubectl out of its ±1 window",
    breaks: "skew-policy",
    config: free,
  },
  {
    name: "join-unsupported-version",
    doc: "the operator joins a new worker from an old machine image instead of at the cluster's version; supported-versions catches a kubelet below the supported window",
    breaks: "supported-versions",
    config: free,
  },
  {
    name: "drain-past-max-unavailable",
    doc: "the operator cordons another worker while --max-unavailable are already out of service; serving-capacity catches too few workers in service",
    breaks: "serving-capacity",
    config: free,
  },
] as const satisfies readonly Flaw[];
