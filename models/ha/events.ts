/**
 * The HA fault-schedule vocabulary: hosts, the load balancer and links fail and return, time
 * passes (etcd elects, components renew or take over Leases), and clients read and write
 * through the load balancer. Events name hosts and links, never positions, and ids shrink
 * towards the smallest cluster.
 */
import fc, { type Arbitrary } from "fast-check";
import type { EventFromKinds } from "../../src/define.ts";
import { field } from "../../src/fields.ts";
import type { EventKind } from "../../src/model.ts";
import { type HaConfig, memberCount } from "./state.ts";
import { clientLink, lbLink, peerLink } from "./topology.ts";

/** The longest single `time-passes` step generated: longer than a Lease, so one step can show a takeover. */
export const MAX_SECONDS = 20;
/** The longest single `time-passes` step a schedule read from a file may take: an hour. */
const MAX_SECONDS_READ = 3600;

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

const fold = (id: number, count: number): number => ((id - 1) % Math.max(1, count)) + 1;

/**
 * A link drawn for the widest cluster, renamed into the run's: its ids fold into the run's
 * control planes and members, and two peers that fold onto one member become that member and the
 * next. A peer link in a one-member cluster stays as it is, and the kind's `where` drops it.
 */
function fitLink(link: string, config: HaConfig): string {
  const m = LINK.exec(link);
  if (!m) return link;
  const members = memberCount(config);
  const [, a, b, api, member, lb] = m.map(Number);
  if (m[5] !== undefined) return lbLink(fold(lb!, config.controlPlanes));
  if (m[3] !== undefined) return clientLink(fold(api!, config.controlPlanes), fold(member!, members));
  if (members < 2) return link;
  const low = fold(a!, members);
  const high = fold(b!, members);
  return peerLink(low, low === high ? (low % members) + 1 : high);
}

const link = field.custom<string>({
  describe: 'a link of this cluster: "etcd1-etcd2", "lb-api1" or (external) "api1-etcd2"',
  reads: ["controlPlanes", "etcdMembers"],
  arbitrary: (scope) => linkArbitrary(scope as unknown as HaConfig),
  fit: (value, config) => fitLink(value, config as unknown as HaConfig),
  check: (value, config) =>
    typeof value === "string" && linkExists(value, config as unknown as HaConfig)
      ? undefined
      : `must name a link of this cluster, like "etcd1-etcd2", "lb-api1" or (external) "api1-etcd2" (got ${JSON.stringify(value)})`,
});

const linkKind = (weight: number, doc: string, fault = false) => ({
  doc,
  weight,
  fault,
  fields: { link },
  where: (event: { link: string }, config: HaConfig) =>
    linkExists(event.link, config) ? undefined : `this cluster has no link ${event.link}`,
});

const node = { node: field.id("controlPlanes", "control-plane node") };
const member = { member: field.id("etcdMembers", "etcd member") };
/** Generated steps up to MAX_SECONDS; a schedule from a file may take longer ones. */
const seconds = field.custom<number>({
  ...field.int(1, MAX_SECONDS),
  check: field.int(1, MAX_SECONDS_READ).check,
});

/** Failures are faults: swarm generation switches them off in some runs; their repairs stay on. */
export const events = {
  "node-fails": {
    doc: "A control-plane node fails: its apiserver, controller manager, scheduler and (stacked) etcd member stop.",
    weight: 3,
    fault: true,
    fields: node,
  },
  "node-returns": {
    doc: "A failed control-plane node returns; its controller manager and scheduler start as standbys, new processes with new identities.",
    weight: 3,
    fields: node,
  },
  "etcd-host-fails": {
    doc: "An external etcd host fails (skipped in the stacked topology, where etcd runs on the control-plane nodes).",
    weight: 2,
    fault: true,
    fields: member,
  },
  "etcd-host-returns": { doc: "A failed external etcd host returns.", weight: 2, fields: member },
  "lb-fails": { doc: "The load balancer in front of the apiservers fails.", weight: 1, fault: true },
  "lb-returns": { doc: "The load balancer returns.", weight: 1 },
  "link-fails": linkKind(
    4,
    "A network link fails: between two etcd members, from an apiserver to an external etcd member, or from the load balancer to an apiserver.",
    true,
  ),
  "link-returns": linkKind(3, "A failed link returns."),
  "time-passes": {
    doc: "Seconds pass: each second etcd re-elects if its leader lost its quorum, and every controller manager and scheduler renews, gives up or acquires its Lease.",
    weight: 4,
    fields: { seconds },
  },
  "client-reads": { doc: "A client (kubectl, a kubelet) reads through the load balancer.", weight: 3 },
  "client-writes": { doc: "A client writes through the load balancer.", weight: 4 },
} satisfies Readonly<Record<string, EventKind<HaConfig>>>;

/** One event of the vocabulary, as the fields above declare it. */
export type HaEvent = EventFromKinds<typeof events>;

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
