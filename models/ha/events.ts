/**
 * The HA fault-schedule vocabulary: hosts, the load balancer and links fail and return, time
 * passes (etcd elects, components renew or take over Leases), and clients read and write
 * through the load balancer. Events name hosts and links, never positions, and ids shrink
 * towards the smallest cluster.
 */
import fc, { type Arbitrary } from "fast-check";
import type { EventKind } from "../../src/model.ts";
import { type HaConfig, MAX_CONTROL_PLANES, MAX_ETCD_MEMBERS, memberCount } from "./state.ts";
import { clientLink, lbLink, peerLink } from "./topology.ts";

/** The longest single `time-passes` step: longer than a Lease, so one step can show a takeover. */
export const MAX_SECONDS = 20;

export type HaEvent =
  | { readonly kind: "node-fails"; readonly node: number }
  | { readonly kind: "node-returns"; readonly node: number }
  | { readonly kind: "etcd-host-fails"; readonly member: number }
  | { readonly kind: "etcd-host-returns"; readonly member: number }
  | { readonly kind: "lb-fails" }
  | { readonly kind: "lb-returns" }
  | { readonly kind: "link-fails"; readonly link: string }
  | { readonly kind: "link-returns"; readonly link: string }
  | { readonly kind: "time-passes"; readonly seconds: number }
  | { readonly kind: "client-reads" }
  | { readonly kind: "client-writes" };

type Kind = EventKind<HaConfig, HaEvent>;
type Fields = Readonly<Record<string, unknown>>;

const LINK = /^(?:etcd(\d+)-etcd(\d+)|api(\d+)-etcd(\d+)|lb-api(\d+))$/;

/** The link names a config has: peer links between etcd members, external client links, load-balancer links. */
export function linkExists(link: string, config: HaConfig): boolean {
  const m = LINK.exec(link);
  if (!m) return false;
  const members = memberCount(config);
  const [, a, b, api, member, lb] = m.map(Number);
  if (m[1] !== undefined) return a! >= 1 && a! < b! && b! <= members;
  if (m[3] !== undefined)
    return (
      config.topology === "external" &&
      api! >= 1 &&
      api! <= config.controlPlanes &&
      member! >= 1 &&
      member! <= members
    );
  return lb! >= 1 && lb! <= config.controlPlanes;
}

function linkArbitrary(scope: HaConfig): Arbitrary<string> {
  const members = memberCount(scope);
  const api = fc.integer({ min: 1, max: scope.controlPlanes });
  const member = fc.integer({ min: 1, max: members });
  const links = [api.map(lbLink)];
  if (members >= 2) {
    // Two different members without a filter: when a >= b, (b - 1, a + 1) is a valid pair too.
    const low = fc.integer({ min: 1, max: members - 1 });
    const high = fc.integer({ min: 2, max: members });
    links.push(fc.tuple(low, high).map(([a, b]) => (a < b ? peerLink(a, b) : peerLink(b - 1, a + 1))));
  }
  if (scope.topology === "external") links.push(fc.tuple(api, member).map(([a, m]) => clientLink(a, m)));
  return fc.oneof(...links);
}

function between(field: string, value: unknown, max: number, what: string): string | undefined {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max
    ? undefined
    : `${field} must be ${what} from 1 to ${max} (got ${JSON.stringify(value)})`;
}

const checkLink = (e: Fields, config: HaConfig) =>
  typeof e.link === "string" && linkExists(e.link, config)
    ? undefined
    : `link must name a link of this cluster, like "etcd1-etcd2", "lb-api1" or (external) "api1-etcd2" (got ${JSON.stringify(e.link)})`;
const checkNode = (e: Fields) => between("node", e.node, MAX_CONTROL_PLANES, "a control-plane node id");
const checkMember = (e: Fields) => between("member", e.member, MAX_ETCD_MEMBERS, "an etcd member id");
const checkNothing = () => undefined;

const nodeKind = (kind: "node-fails" | "node-returns", weight: number, doc: string): Kind => ({
  doc,
  weight,
  arbitrary: (scope) => fc.integer({ min: 1, max: scope.controlPlanes }).map((node) => ({ kind, node })),
  check: checkNode,
});

const hostKind = (kind: "etcd-host-fails" | "etcd-host-returns", weight: number, doc: string): Kind => ({
  doc,
  weight,
  arbitrary: (scope) => fc.integer({ min: 1, max: scope.etcdMembers }).map((member) => ({ kind, member })),
  check: checkMember,
});

const linkKind = (kind: "link-fails" | "link-returns", weight: number, doc: string): Kind => ({
  doc,
  weight,
  arbitrary: (scope) => linkArbitrary(scope).map((link) => ({ kind, link })),
  check: checkLink,
});

const plainKind = (
  kind: "lb-fails" | "lb-returns" | "client-reads" | "client-writes",
  weight: number,
  doc: string,
): Kind => ({
  doc,
  weight,
  arbitrary: () => fc.constant({ kind }),
  check: checkNothing,
});

/** Failures are faults: swarm generation switches them off in some runs; their repairs stay on. */
const fault = (kind: Kind): Kind => ({ ...kind, fault: true });

export const events: Readonly<Record<HaEvent["kind"], Kind>> = {
  "node-fails": fault(
    nodeKind(
      "node-fails",
      3,
      "A control-plane node fails: its apiserver, controller manager, scheduler and (stacked) etcd member stop.",
    ),
  ),
  "node-returns": nodeKind(
    "node-returns",
    3,
    "A failed control-plane node returns; its controller manager and scheduler start as standbys, new processes with new identities.",
  ),
  "etcd-host-fails": fault(
    hostKind(
      "etcd-host-fails",
      2,
      "An external etcd host fails (skipped in the stacked topology, where etcd runs on the control-plane nodes).",
    ),
  ),
  "etcd-host-returns": hostKind("etcd-host-returns", 2, "A failed external etcd host returns."),
  "lb-fails": fault(plainKind("lb-fails", 1, "The load balancer in front of the apiservers fails.")),
  "lb-returns": plainKind("lb-returns", 1, "The load balancer returns."),
  "link-fails": fault(
    linkKind(
      "link-fails",
      4,
      "A network link fails: between two etcd members, from an apiserver to an external etcd member, or from the load balancer to an apiserver.",
    ),
  ),
  "link-returns": linkKind("link-returns", 3, "A failed link returns."),
  "time-passes": {
    doc: "Seconds pass: each second etcd re-elects if its leader lost its quorum, and every controller manager and scheduler renews, gives up or acquires its Lease.",
    weight: 4,
    arbitrary: () =>
      fc.integer({ min: 1, max: MAX_SECONDS }).map((seconds) => ({ kind: "time-passes" as const, seconds })),
    check: (e) => between("seconds", e.seconds, 3600, "a number of seconds"),
  },
  "client-reads": plainKind(
    "client-reads",
    3,
    "A client (kubectl, a kubelet) reads through the load balancer.",
  ),
  "client-writes": plainKind("client-writes", 4, "A client writes through the load balancer."),
};

export function describeEvent(event: HaEvent): string {
  switch (event.kind) {
    case "node-fails":
      return `control-plane node ${event.node} fails`;
    case "node-returns":
      return `control-plane node ${event.node} returns`;
    case "etcd-host-fails":
      return `etcd host ${event.member} fails`;
    case "etcd-host-returns":
      return `etcd host ${event.member} returns`;
    case "lb-fails":
      return "the load balancer fails";
    case "lb-returns":
      return "the load balancer returns";
    case "link-fails":
      return `link ${event.link} fails`;
    case "link-returns":
      return `link ${event.link} returns`;
    case "time-passes":
      return `${event.seconds} second${event.seconds === 1 ? "" : "s"} pass`;
    case "client-reads":
      return "a client reads through the load balancer";
    case "client-writes":
      return "a client writes through the load balancer";
  }
}
