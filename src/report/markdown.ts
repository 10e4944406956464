/** The Markdown report, for a person: the minimal steps as a table, what changed, what broke and why, how to replay. */
import type { Counterexample } from "../engine/check.ts";
import type { AnyModel } from "../model.ts";
import { describeChange } from "./diff.ts";
import type { Report } from "./json.ts";
import { tellStory } from "./story.ts";
import { configLine } from "./text.ts";

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function renderMarkdown(model: AnyModel, cx: Counterexample, report: Report): string {
  const story = tellStory(model, cx);
  const out: string[] = [];
  out.push(`# ${report.model}: \`${report.invariant.name}\` broken`);
  out.push("");
  out.push(`**What broke.** ${report.invariant.message}`);
  if (report.invariant.doc)
    out.push("", `**The rule.** \`${report.invariant.name}\`: ${report.invariant.doc}`);
  for (const also of report.alsoBroken)
    out.push("", `**Also broken at the same step.** \`${also.name}\`: ${also.message}`);
  out.push("");
  out.push(`- Model: \`${report.model}\` (${model.summary})`);
  out.push(`- Config: \`${configLine(report.config, model)}\``);
  out.push(
    `- Flaws switched on: ${report.flaws.length ? report.flaws.map((f) => `\`${f}\``).join(", ") : "none"}`,
  );
  for (const name of report.flaws) {
    const flaw = model.flaws.find((f) => f.name === name);
    if (flaw) out.push(`  - \`${name}\`: ${flaw.doc}`);
  }
  if (report.seed !== null)
    out.push(
      `- Found with seed ${report.seed}${report.runsToDetection !== null ? ` after ${report.runsToDetection} generated runs` : ""}, fast-check path \`${report.path ?? ""}\``,
    );
  if (report.shrink) {
    const s = report.shrink;
    out.push(
      `- Shrinking: ${s.generated} generated events → ${s.fastCheck} after fast-check → ${s.minimized} after minimization`,
    );
  }
  if (report.generation === "swarm" && report.profile) {
    const off = Object.entries(report.profile)
      .filter(([, w]) => w === 0)
      .map(([k]) => k);
    out.push(
      `- Swarm profile of the failing run: ${off.length ? `${off.join(", ")} switched off` : "every event kind on"}`,
    );
  }
  out.push(
    `- Minimal schedule: ${story.steps.length} step${story.steps.length === 1 ? "" : "s"}` +
      (story.skipped
        ? ` (the saved schedule also holds ${story.skipped} events that did nothing, left out here)`
        : ""),
  );
  out.push("", "## Steps", "", "| # | What happened | What changed |", "|---|---|---|");
  for (const step of story.steps) {
    const changes = step.changes.length ? step.changes.map((c) => cell(describeChange(c))).join("<br>") : "—";
    out.push(`| ${step.number} | ${cell(step.description)} | ${changes} |`);
  }
  out.push(
    "",
    `After step ${story.steps.length}, **\`${report.invariant.name}\`** fails: ${report.invariant.message}`,
  );
  out.push("", "## State at the violation", "", "```json", JSON.stringify(story.finalView, null, 2), "```");
  out.push("", "## Replay", "", "```sh", report.replay, "```", "");
  out.push(
    "Replay re-runs the saved schedule on the current code: exit 1 while the invariant still fails, 0 once it holds.",
    "",
  );
  return out.join("\n");
}
