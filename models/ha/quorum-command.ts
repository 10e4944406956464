/**
 * `faultline quorum`: etcd's fault tolerance for 1..9 members, found by the HA model failing every
 * set of members, next to the formula floor((N-1)/2); and how many node failures stacked and
 * external control planes with 2, 3 and 5 nodes survive. The computation lives in tolerance.ts; the
 * ha model contributes this command to the CLI through its `extensions`.
 */

import { type Command, UsageError } from "../../src/cli/command.ts";
import { parseFlags } from "../../src/cli/parse.ts";
import { parseNumberFlag } from "../../src/cli/values.ts";
import { type EtcdToleranceRow, etcdToleranceTable, type TopologyRow, topologyTable } from "./tolerance.ts";

const flags = {
  "etcd-members": {
    type: "string",
    value: "N",
    doc: "members of the external etcd cluster in the topology table",
    defaultText: "3",
  },
  json: { type: "boolean", doc: "the two tables as JSON" },
} as const;

export const quorumCommand: Command = {
  name: "quorum",
  summary:
    "print etcd's fault-tolerance table and what stacked vs external control planes survive, computed by the ha model",
  usage: "faultline quorum [--etcd-members N] [--json]",
  flags,
  run(args, { io }) {
    const { values, positionals } = parseFlags(args, flags, "quorum");
    if (positionals.length) throw new UsageError(`quorum takes no arguments (got ${positionals[0]})`);
    const externalMembers =
      values["etcd-members"] === undefined
        ? 3
        : parseNumberFlag("etcd-members", values["etcd-members"] as string, {
            min: 1,
            max: 9,
            integer: true,
          });
    const etcd = etcdToleranceTable(9);
    const topologies = topologyTable(externalMembers);
    if (values.json) {
      io.out(JSON.stringify({ etcd, topologies }, null, 2));
      return 0;
    }
    io.out(renderEtcd(etcd));
    io.out("");
    io.out(renderTopologies(topologies, externalMembers));
    return 0;
  },
};

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function renderEtcd(rows: readonly EtcdToleranceRow[]): string {
  const body = rows.map((r, i) => [
    String(r.members),
    String(r.quorum),
    String(r.tolerates),
    String(r.formula),
    i > 0 && r.tolerates === rows[i - 1]!.tolerates
      ? `same as ${rows[i - 1]!.members} member${rows[i - 1]!.members === 1 ? "" : "s"}`
      : "",
  ]);
  return [
    "etcd fault tolerance: members that may fail while writes still succeed",
    "(model: every failure set tried; formula: floor((N-1)/2); quorum: floor(N/2)+1)",
    "",
    table(["members", "quorum", "tolerates (model)", "floor((N-1)/2)", "note"], body),
  ].join("\n");
}

const costs = (n: number, what: string): string =>
  n === 0 ? `no ${what}` : `${n} ${what}${n === 1 ? "" : "s"}`;

function renderTopologies(rows: readonly TopologyRow[], externalMembers: number): string {
  const body = rows.map((r) => [
    r.topology,
    String(r.controlPlanes),
    String(r.etcdMembers),
    String(r.hosts),
    String(r.nodeFailuresSurvived),
    r.etcdHostFailuresSurvived === null ? "-" : String(r.etcdHostFailuresSurvived),
    costs(r.oneNodeFailureCosts.apiservers, "apiserver") +
      ", " +
      costs(r.oneNodeFailureCosts.etcdMembers, "etcd member"),
  ]);
  return [
    `Control-plane topologies (kubeadm), external etcd with ${externalMembers} members:`,
    "failures after which writes, reads, a controller manager and a scheduler all still work",
    "",
    table(
      [
        "topology",
        "control planes",
        "etcd members",
        "hosts",
        "node failures survived",
        "etcd host failures survived",
        "one node failure costs",
      ],
      body,
    ),
  ].join("\n");
}
