/** Deliberately wrong variants of the HA reducer, each a one-`if` difference caught by one invariant. */
import type { Flaw } from "../../src/model.ts";

export const flaws = [
  {
    name: "quorum-of-half",
    doc: "etcd counts ceil(N/2) members as a quorum instead of floor(N/2)+1: with an even member count, half the cluster elects a leader and commits writes. writes-need-quorum catches it (stacked, 4 nodes: two fail, the other two elect a leader and accept a write).",
    breaks: "writes-need-quorum",
  },
  {
    name: "no-leader-election",
    doc: "Every kube-controller-manager and kube-scheduler runs with --leader-elect=false, so each replica acts at once. one-active-controller catches it as soon as a second of time passes on two control-plane nodes.",
    breaks: "one-active-controller",
  },
  {
    name: "keep-leading-without-renew",
    doc: "A controller manager or scheduler that cannot renew its Lease within renewDeadline keeps acting instead of exiting; after leaseDuration a standby takes the Lease and two act. one-active-controller catches it once the leader's etcd member is cut off from the others for 15 s.",
    breaks: "one-active-controller",
  },
  {
    name: "lb-routes-to-dead",
    doc: "The load balancer has no health check and round-robins to every apiserver, including failed ones. writes-resume-within-bound catches a write sent to a dead apiserver after a stacked node fails and etcd re-elects; reads-stay-available alone catches the same for a read.",
    breaks: "writes-resume-within-bound",
  },
  {
    name: "lb-checks-livez",
    doc: "The load balancer's health check asks /livez (is the process alive) instead of /readyz (can it reach etcd), so it routes to an apiserver cut off from etcd. reads-stay-available catches a read sent there while another apiserver serves.",
    breaks: "reads-stay-available",
  },
  {
    name: "election-only-on-crash",
    doc: "etcd replaces its leader only when the leader's process crashes, not when it stops hearing from a quorum (no check-quorum and no election timeout on a partition): a leader cut off from the others keeps the cluster leaderless. writes-resume-within-bound catches the refused writes after the partition settles. Runs with 3 control-plane nodes (seed 1: 299 runs; seeds 1–12: median 68; with 1..5 drawn it took 1,324 at seed 1 under the earlier generator).",
    breaks: "writes-resume-within-bound",
    config: { controlPlanes: 3 },
  },
] as const satisfies readonly Flaw[];

/** The name of one of the flaws above. */
export type HaFlaw = (typeof flaws)[number]["name"];
