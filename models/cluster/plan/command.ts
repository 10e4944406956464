/**
 * `faultline plan <cluster.yaml> [--drain NODE]... [--upgrade one-at-a-time|add-new-nodes]
 * [--fail 1|2] [--json] [--out DIR]`: import a real cluster and answer each question with a
 * verdict, writing a replayable report for every "no". Exit 0 when every answer is safe, 1
 * otherwise, 2 on bad input (one line). The cluster model contributes this command; it reads
 * files here and nowhere else.
 */
import { type Command, type Env, EXIT, UsageError } from "../../../src/cli/command.ts";
import { parseFlags } from "../../../src/cli/parse.ts";
import { OutDirError, type WrittenReport, writeReport } from "../../../src/report/write.ts";
import { clusterFromManifests, type ImportedModel } from "../manifests/import.ts";
import { ManifestError } from "../manifests/parse.ts";
import { cluster } from "../model.ts";
import { topology } from "../topology.ts";
import { askDrain, askFailures, askUpgrade, STRATEGIES, type Strategy, type Verdict } from "./questions.ts";
import { readManifests } from "./read.ts";

const FLAGS = {
  drain: {
    type: "string",
    multiple: true,
    value: "NODE",
    doc: "drain these nodes one after another, each with the fewest flags kubectl needs: does every drain complete?",
  },
  upgrade: {
    type: "string",
    value: "one-at-a-time|add-new-nodes",
    doc: "does the upgrade finish with every budget and serving workload kept?",
  },
  fail: {
    type: "string",
    value: "1|2",
    doc: "every set of up to 1 or 2 nodes failing at once: which leave a workload below its budget or without its replicas? (asked when no question is)",
  },
  json: { type: "boolean", doc: "the verdicts as JSON on stdout" },
  out: {
    type: "string",
    value: "DIR",
    doc: "where counterexample reports go (never overwritten)",
    defaultText: "reports",
  },
} as const;

interface Questions {
  readonly drain: readonly string[];
  readonly upgrade: Strategy | undefined;
  readonly fail: number | undefined;
}

function questions(values: Record<string, unknown>, imported: ImportedModel, file: string): Questions {
  const nodes = topology(imported.config).nodes;
  const drain = (values.drain as string[] | undefined) ?? [];
  for (const node of drain)
    if (!nodes.includes(node))
      throw new UsageError(`--drain ${node}: no such node in ${file} (nodes: ${nodes.join(", ")})`);
  const upgrade = values.upgrade as string | undefined;
  if (upgrade !== undefined && !(STRATEGIES as readonly string[]).includes(upgrade))
    throw new UsageError(`--upgrade must be ${STRATEGIES.join(" or ")} (got ${upgrade})`);
  const failRaw = values.fail as string | undefined;
  if (failRaw !== undefined && failRaw !== "1" && failRaw !== "2")
    throw new UsageError(`--fail must be 1 or 2 (got ${failRaw})`);
  const asked = { drain, upgrade: upgrade as Strategy | undefined, fail: failRaw && Number(failRaw) };
  return asked.drain.length || asked.upgrade || asked.fail ? asked : { ...asked, fail: 1 };
}

function summary(imported: ImportedModel): string {
  const t = topology(imported.config);
  const pods = Object.keys(imported.initialState.api.pods).length;
  const workloads = t.replicaSets.length + t.statefulSets.length + t.daemonSets.length + t.barePods.length;
  return `${t.nodes.length} nodes, ${pods} pods, ${workloads} workloads, ${t.budgets.length} PodDisruptionBudgets`;
}

function answer(imported: ImportedModel, q: Questions): Verdict[] {
  const verdicts: Verdict[] = [];
  if (q.drain.length) verdicts.push(askDrain(imported.config, q.drain));
  if (q.fail) verdicts.push(askFailures(imported.config, q.fail));
  if (q.upgrade) verdicts.push(askUpgrade(imported.config, q.upgrade));
  return verdicts;
}

function plan(args: readonly string[], { io }: Env): number {
  const { values, positionals } = parseFlags(args, FLAGS, "plan");
  const [file, extra] = positionals;
  if (file === undefined) throw new UsageError("plan needs a cluster file or folder (kubectl get … -o yaml)");
  if (extra !== undefined) throw new UsageError(`plan takes one cluster file or folder, got also '${extra}'`);
  const imported = clusterFromManifests(readManifests(file));
  const asked = questions(values, imported, file);
  if (imported.ignored.length) io.err(`faultline: warning: ignored ${imported.ignored.join("; ")}`);
  const verdicts = answer(imported, asked);
  const outDir = (values.out as string | undefined) ?? "reports";
  const reports = verdicts.map((v) =>
    v.counterexample ? writeReport(cluster, v.counterexample, undefined, outDir) : undefined,
  );
  const safe = verdicts.every((v) => v.safe);
  if (values.json) io.out(JSON.stringify(asJson(file, imported, verdicts, reports, safe), null, 2));
  else io.out(asText(file, imported, verdicts, reports, safe));
  return safe ? EXIT.ok : EXIT.violation;
}

function asText(
  file: string,
  imported: ImportedModel,
  verdicts: readonly Verdict[],
  reports: readonly (WrittenReport | undefined)[],
  safe: boolean,
): string {
  const lines = [
    `Cluster ${file}: ${summary(imported)}`,
    "Simplified (the model is coarser than your manifests here):",
  ];
  for (const s of imported.simplified) lines.push(`  - ${s}`);
  for (const [i, v] of verdicts.entries()) {
    lines.push("", `${v.safe ? "✓" : "✗"} ${v.question}`);
    for (const line of v.lines) lines.push(`  ${line}`);
    const report = reports[i];
    if (report) lines.push(`  Report: ${report.markdown}`, `  Replay: npx faultline replay ${report.json}`);
  }
  const unsafe = verdicts.filter((v) => !v.safe).length;
  lines.push(
    "",
    safe
      ? `Safe: every question (${verdicts.length}) answered yes.`
      : `Unsafe: ${unsafe} of ${verdicts.length} questions answered no.`,
  );
  return lines.join("\n");
}

function asJson(
  file: string,
  imported: ImportedModel,
  verdicts: readonly Verdict[],
  reports: readonly (WrittenReport | undefined)[],
  safe: boolean,
) {
  return {
    cluster: file,
    safe,
    nodes: topology(imported.config).nodes,
    ignored: imported.ignored,
    simplified: imported.simplified,
    questions: verdicts.map((v, i) => ({
      question: v.question,
      safe: v.safe,
      findings: v.lines,
      violation: v.counterexample?.run.violation ?? null,
      report: reports[i] ?? null,
    })),
  };
}

export const planCommand: Command = {
  name: "plan",
  summary:
    "import a real cluster (kubectl get … -o yaml) and ask what a drain, an upgrade or node failures would do",
  usage:
    "faultline plan <cluster.yaml|dir> [--drain NODE]... [--upgrade one-at-a-time|add-new-nodes] [--fail 1|2] [--json] [--out DIR] — <cluster.yaml|dir> is what `kubectl get nodes,pods,deployments,replicasets,statefulsets,daemonsets,poddisruptionbudgets -A -o yaml` prints, or a folder of such files; exit 0 all safe, 1 some answer is no, 2 bad input",
  flags: FLAGS,
  run(args, env) {
    try {
      return plan(args, env);
    } catch (error) {
      if (error instanceof UsageError || error instanceof ManifestError || error instanceof OutDirError) {
        env.io.err(`faultline: ${error.message}`);
        return EXIT.usage;
      }
      throw error;
    }
  },
};
