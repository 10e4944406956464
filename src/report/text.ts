/** The counterexample as terminal text: numbered steps, what changed, what broke and why. */
import type { Counterexample } from "../engine/check.ts";
import type { AnyModel } from "../model.ts";
import { describeChange } from "./diff.ts";
import { type Paint, painter } from "./paint.ts";
import { tellStory } from "./story.ts";

/**
 * The config in one line. Given the model, only what a person needs: the params drawn per run
 * (cluster size…) and every value that differs from the default (the README lists the defaults).
 */
export function configLine(config: Readonly<Record<string, unknown>>, model?: AnyModel): string {
  const drawn = new Set(model?.params.filter((p) => "generate" in p && p.generate).map((p) => p.key));
  const shown = Object.entries(config)
    .filter(([k, v]) => !model || drawn.has(k) || JSON.stringify(v) !== JSON.stringify(model.defaults[k]))
    .map(([k, v]) => `${k}=${configValue(v)}`);
  return shown.length ? shown.join(" ") : "defaults";
}

/** A header names a value; a whole imported object (the cluster model's `cluster`) would bury the line. */
function configValue(value: unknown): string {
  if (value === null || typeof value !== "object") return String(value);
  const empty = Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
  if (empty) return JSON.stringify(value);
  return Array.isArray(value) ? "[…]" : "{…}";
}

export function renderTrace(
  model: AnyModel,
  cx: Counterexample,
  replay?: string,
  paint: Paint = painter(false),
): string {
  const story = tellStory(model, cx);
  const lines: string[] = [];
  const flaws = cx.flaws.length ? cx.flaws.join(", ") : "none";
  lines.push(`Model ${model.name} · ${configLine(cx.config, model)} · flaws: ${flaws}`);
  lines.push(
    `Minimal schedule: ${story.steps.length} step${story.steps.length === 1 ? "" : "s"}` +
      (story.skipped ? ` (${story.skipped} events that did nothing left out)` : ""),
  );
  lines.push("");
  const width = String(story.steps.length).length;
  for (const step of story.steps) {
    lines.push(`${String(step.number).padStart(width)}. ${step.description}`);
    for (const change of step.changes) lines.push(`${" ".repeat(width + 2)}  ${describeChange(change)}`);
  }
  if (story.invariant) {
    lines.push("");
    lines.push(
      paint.bad(
        `✗ ${story.invariant.name} broke after step ${story.steps.length}: ${story.invariant.message}`,
      ),
    );
    if (story.invariant.doc) lines.push(`  (${story.invariant.name}: ${story.invariant.doc})`);
    for (const also of story.alsoBroken)
      lines.push(paint.bad(`✗ ${also.name} broke at the same step: ${also.message}`));
  }
  if (replay) lines.push("", `Replay: ${replay}`);
  return lines.join("\n");
}
