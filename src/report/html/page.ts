/**
 * The HTML report: one self-contained file (styles and script inlined, no network) with what
 * broke and the rule, the timeline, and beside it the selected step's state diff.
 */
import type { Counterexample } from "../../engine/check.ts";
import type { AnyModel } from "../../model.ts";
import type { Report } from "../json.ts";
import { configLine } from "../text.ts";
import { esc } from "./escape.ts";
import { layOut, type TimelineData } from "./layout.ts";
import { SCRIPT } from "./script.ts";
import { STYLE } from "./style.ts";
import { geometry, headerSvg, seconds, timelineSvg } from "./svg.ts";

/** What the page says around the picture: the report's own words. */
export type PageFacts = Pick<
  Report,
  "model" | "config" | "flaws" | "invariant" | "seed" | "path" | "runsToDetection" | "shrink" | "replay"
>;

function list(items: readonly string[], empty: string): string {
  return items.length
    ? `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join("")}</ul>`
    : `<p class="hint">${esc(empty)}</p>`;
}

function panel(data: TimelineData, r: number, facts: PageFacts): string {
  const row = data.rows[r]!;
  const title =
    r === 0 ? "Initial state" : `Step ${r} <span class="hint">(schedule event ${row.index})</span>`;
  const shown = r === (data.violationRow ?? data.rows.length - 1);
  const out = [`<section id="step-${r}" data-row="${r}"${shown ? "" : " hidden"}><h2>${title}</h2>`];
  out.push(
    `<p>${esc(row.text)}${row.seconds !== undefined ? ` <span class="hint">at ${seconds(row.seconds)}</span>` : ""}</p>`,
  );
  if (r === data.violationRow)
    out.push(
      `<div class="broke" role="alert"><p><strong>✗ ${esc(facts.invariant.name)}</strong> broke after this step.</p><p>${esc(facts.invariant.message)}</p>${facts.invariant.doc ? `<p class="hint">The rule: ${esc(facts.invariant.doc)}</p>` : ""}</div>`,
    );
  if (row.happenings.length)
    out.push(
      `<h3>Inside this step</h3>${list(
        row.happenings.map((h) => h.text),
        "",
      )}`,
    );
  const arrows = (
    pick: (a: TimelineData["arrows"][number]) => boolean,
    what: (a: TimelineData["arrows"][number]) => string,
  ) => data.arrows.filter(pick).map((a) => `${a.from} → ${a.to}: ${a.label}${what(a)}`);
  const sent = arrows(
    (a) => a.sent === r,
    (a) => (a.duplicate ? " (duplicate)" : ""),
  );
  const ended = arrows(
    (a) => a.ended === r && a.fate !== "pending",
    (a) => (a.fate === "lost" ? " — lost" : ""),
  );
  if (sent.length) out.push(`<h3>Sent</h3>${list(sent, "")}`);
  if (ended.length) out.push(`<h3>Arrived or lost</h3>${list(ended, "")}`);
  if (r > 0) out.push(`<h3>State changes</h3>${list(row.changes, "nothing a report shows changed")}`);
  else {
    const notes = Object.entries(row.notes).map(([lane, note]) => `${lane}: ${note}`);
    out.push(`<h3>Lanes</h3>${list(notes, "—")}`);
  }
  out.push("</section>");
  return out.join("");
}

function legend(data: TimelineData): string {
  const item = (svg: string, text: string) =>
    `<span><svg width="34" height="14" aria-hidden="true">${svg}</svg> ${esc(text)}</span>`;
  const fates = new Set(data.arrows.map((a) => a.fate));
  const shown: [boolean, string, string][] = [
    [true, '<circle cx="17" cy="7" r="5" class="event"/>', "where the step happens"],
    [
      data.arrows.length > 0,
      '<line x1="2" y1="7" x2="30" y2="7" stroke="#2f5d9e" stroke-width="1.4"/><path d="M24 3L32 7L24 11z" fill="#2f5d9e"/>',
      "message, send → arrival",
    ],
    [
      fates.has("lost"),
      '<line x1="2" y1="7" x2="26" y2="7" stroke="#b42318" stroke-dasharray="2 3"/><text x="27" y="12" fill="#b42318" font-weight="700">×</text>',
      "lost",
    ],
    [
      data.arrows.some((a) => a.duplicate),
      '<line x1="2" y1="7" x2="32" y2="7" stroke="#2f5d9e" stroke-dasharray="7 3"/>',
      "duplicate (dup)",
    ],
    [
      fates.has("pending"),
      '<line x1="2" y1="7" x2="32" y2="7" stroke="#7a828e" stroke-dasharray="1 4" stroke-width="2"/>',
      "still pending at the end",
    ],
    [
      data.spans.length > 0,
      '<rect x="2" y="1" width="30" height="12" fill="url(#hatch)" stroke="#7a828e"/>',
      "fault span (labelled)",
    ],
  ];
  const items = shown.filter(([on]) => on).map(([, svg, text]) => item(svg, text));
  if (data.rows.some((r) => r.happenings.length))
    items.push(
      item(
        '<rect x="13" y="3" width="8" height="8" transform="rotate(45 17 7)" class="happening"/>',
        "happens inside a step",
      ),
    );
  return `<div class="legend">${items.join("")}<span>✗ the violating step</span><span><kbd>j</kbd>/<kbd>k</kbd> or ↓/↑ step · <kbd>v</kbd> violation · click a row</span></div>`;
}

export interface PageContext {
  /** The model's one-line summary. */
  readonly summary: string;
  /** The config as a person needs it: drawn and non-default values only. */
  readonly config: string;
}

export function renderPage(data: TimelineData, facts: PageFacts, page: PageContext): string {
  const g = geometry(data);
  const broke =
    data.violationRow === undefined
      ? `<p><strong>On the current code this schedule no longer breaks ${esc(facts.invariant.name)}</strong> (the report recorded it).</p>`
      : `<p><strong>What broke.</strong> ${esc(facts.invariant.message)}</p>${facts.invariant.doc ? `<p><strong>The rule.</strong> <code>${esc(facts.invariant.name)}</code>: ${esc(facts.invariant.doc)}</p>` : ""}`;
  const found: string[] = [`config: <code>${esc(page.config)}</code>`];
  found.push(
    `flaws: ${facts.flaws.length ? facts.flaws.map((f) => `<code>${esc(f)}</code>`).join(", ") : "none"}`,
  );
  if (facts.seed !== null)
    found.push(`seed ${facts.seed}${facts.path ? `, path <code>${esc(facts.path)}</code>` : ""}`);
  if (facts.runsToDetection !== null) found.push(`found after ${facts.runsToDetection} runs`);
  if (facts.shrink)
    found.push(
      `shrunk ${facts.shrink.generated} → ${facts.shrink.fastCheck} → ${facts.shrink.minimized} events`,
    );
  found.push(`${data.rows.length - 1} steps, ${data.lanes.length} lanes, ${data.arrows.length} messages`);
  const panels = data.rows.map((_, r) => panel(data, r, facts)).join("\n");
  const title = `${facts.model}: ${facts.invariant.name} broken`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body>
<header class="summary">
<h1 title="${esc(page.summary)}">${esc(facts.model)}: <span class="bad">✗ <code>${esc(facts.invariant.name)}</code> broken</span></h1>
${broke}
<div class="facts">${found.map((f) => `<span>${f}</span>`).join("")}</div>
<div class="replay"><code id="replay">${esc(facts.replay)}</code><button id="copy" type="button">Copy</button></div>
<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs><pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" class="hatch-bg"/><line x1="0" y1="0" x2="0" y2="8" class="hatch-line"/></pattern></defs></svg>
${legend(data)}
</header>
<main class="split">
<section class="timeline" tabindex="0" aria-label="timeline">
<div class="lanes-wrap">${headerSvg(data, g)}</div>
${timelineSvg(data, g)}
</section>
<aside class="diff" aria-live="polite">
${panels}
</aside>
</main>
<script>${SCRIPT}</script>
</body></html>
`;
}

export function renderHtml(model: AnyModel, cx: Counterexample, facts: PageFacts): string {
  return renderPage(layOut(model, cx), facts, {
    summary: model.summary,
    config: configLine(facts.config, model),
  });
}
