/**
 * The timeline as static SVG: lanes as columns, one row per step, arrows from send to delivery,
 * hatched fault spans, notes where a lane's role changes. Everything carries a text label or a
 * pattern besides its colour, so the picture reads in grey scale too.
 */
import { esc } from "./escape.ts";
import type { Arrow, TimelineData } from "./layout.ts";

export const ROW_H = 30;
export const LANE_W = 116;
/** Fault spans are a band over the lane, narrow enough to leave the arrows readable. */
const SPAN_W = 22;
const CHAR_W = 6.9;

export interface Geometry {
  readonly gutter: number;
  readonly textX: number;
  readonly width: number;
  readonly laneX: (id: string) => number;
}

export function geometry(data: TimelineData): Geometry {
  const gutter = data.timed ? 118 : 52;
  const textX = gutter + data.lanes.length * LANE_W + 36;
  const longest = Math.max(
    20,
    ...data.rows.map((r) => rowText(r).length + (r.number === data.violationRow ? 30 : 0)),
  );
  const index = new Map(data.lanes.map((lane, i) => [lane.id, i]));
  return {
    gutter,
    textX,
    width: Math.ceil(textX + longest * CHAR_W + 24),
    laneX: (id) => gutter + (index.get(id) ?? 0) * LANE_W + LANE_W / 2,
  };
}

export function rowText(row: TimelineData["rows"][number]): string {
  const extra = row.happenings.map((h) => h.text);
  return [row.text, ...extra].join(" · ");
}

export function seconds(s: number): string {
  return `${Number(s.toFixed(3))} s`;
}

function defs(): string {
  return `<defs>
<marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="head"/></marker>
</defs>`;
}

/** The lane labels, drawn in their own SVG so they can stay on screen while the rows scroll. */
export function headerSvg(data: TimelineData, g: Geometry): string {
  const labels = data.lanes
    .map(
      (lane) =>
        `<text class="lane-label" x="${g.laneX(lane.id)}" y="21" text-anchor="middle">${esc(lane.label)}</text>`,
    )
    .join("");
  const time = data.timed
    ? `<text class="gutter-label" x="8" y="21">step · time</text>`
    : `<text class="gutter-label" x="8" y="21">step</text>`;
  return `<svg class="lanes-head" width="${g.width}" height="32" viewBox="0 0 ${g.width} 32" role="img" aria-label="lanes">${time}${labels}<text class="gutter-label" x="${g.textX}" y="21">what happened</text></svg>`;
}

function arrowSvg(arrow: Arrow, g: Geometry, k: number): string {
  const x1 = g.laneX(arrow.from) + k;
  const x2 = g.laneX(arrow.to) + k;
  const y1 = arrow.sent * ROW_H + ROW_H / 2 + 5;
  const y2 = arrow.fate === "pending" ? (arrow.ended + 1) * ROW_H - 2 : arrow.ended * ROW_H + ROW_H / 2 - 3;
  const classes = ["msg", arrow.fate, arrow.duplicate ? "dup" : ""].filter(Boolean).join(" ");
  const fate =
    arrow.fate === "lost"
      ? "lost"
      : arrow.fate === "pending"
        ? "still pending"
        : `arrives at row ${arrow.ended}`;
  const title = `${arrow.label} (${arrow.from} → ${arrow.to}, sent at row ${arrow.sent}${arrow.duplicate ? ", a duplicate" : ""}, ${fate})`;
  const marker = arrow.fate === "lost" ? "" : ' marker-end="url(#head)"';
  let end = "";
  if (arrow.fate === "lost")
    end = `<text class="lost-mark" x="${x2}" y="${y2 + 5}" text-anchor="middle">×</text>`;
  if (arrow.duplicate)
    end += `<text class="dup-mark" x="${(x1 + x2) / 2}" y="${(y1 + y2) / 2 - 3}" text-anchor="middle">dup</text>`;
  return `<g class="${classes}" data-sent="${arrow.sent}" data-ended="${arrow.ended}"><title>${esc(title)}</title><line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}"${marker}/>${end}</g>`;
}

export function timelineSvg(data: TimelineData, g: Geometry): string {
  const height = data.rows.length * ROW_H;
  const out: string[] = [];
  out.push(
    `<svg id="timeline" class="timeline-svg" width="${g.width}" height="${height}" viewBox="0 0 ${g.width} ${height}" role="grid" aria-label="timeline, one row per step" data-lanes="${data.lanes.length}">`,
    defs(),
  );
  data.rows.forEach((row, r) => {
    const y = r * ROW_H;
    const violation = r === data.violationRow;
    const classes = ["row", r === 0 ? "initial" : "step", violation ? "violation" : ""]
      .filter(Boolean)
      .join(" ");
    out.push(
      `<g class="${classes}" id="row-${r}" data-row="${r}" data-index="${row.index}" role="row" aria-selected="false"><rect class="bg" x="0" y="${y}" width="${g.width}" height="${ROW_H}"/>`,
    );
    out.push(`<text class="num" x="36" y="${y + 19}">${r === 0 ? "·" : r}</text>`);
    if (row.seconds !== undefined)
      out.push(`<text class="time" x="46" y="${y + 19}">${seconds(row.seconds)}</text>`);
    const mark = violation ? `<tspan class="violation-mark">✗ violation · </tspan>` : "";
    out.push(`<text class="what" x="${g.textX}" y="${y + 19}">${mark}${esc(rowText(row))}</text>`);
    out.push("</g>");
  });
  for (const lane of data.lanes)
    out.push(`<line class="lane" x1="${g.laneX(lane.id)}" y1="0" x2="${g.laneX(lane.id)}" y2="${height}"/>`);
  for (const span of data.spans) {
    const x = g.laneX(span.lane) - SPAN_W / 2;
    const y = span.first * ROW_H + 2;
    const h = (span.last - span.first + 1) * ROW_H - 4;
    out.push(
      `<g class="span ${span.kind ?? "fault"}" data-lane="${esc(span.lane)}"><title>${esc(`${span.label}: rows ${span.first}–${span.last}`)}</title><rect x="${x}" y="${y}" width="${SPAN_W}" height="${h}" rx="3"/><text class="span-label" x="${x + SPAN_W + 3}" y="${y + 25}">${esc(span.label)}</text></g>`,
    );
  }
  const seen = new Map<string, number>();
  for (const arrow of data.arrows) {
    const key = `${arrow.from}>${arrow.to}@${arrow.sent}`;
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    out.push(arrowSvg(arrow, g, (k % 4) * 3));
  }
  data.rows.forEach((row, r) => {
    const y = r * ROW_H;
    for (const [lane, note] of Object.entries(row.notes))
      out.push(`<text class="note" x="${g.laneX(lane) + 8}" y="${y + 11}">${esc(note)}</text>`);
    if (row.lane !== undefined)
      out.push(`<circle class="event" cx="${g.laneX(row.lane)}" cy="${y + ROW_H / 2}" r="5"/>`);
    for (const h of row.happenings)
      out.push(
        `<rect class="happening" x="${g.laneX(h.lane) - 4}" y="${y + ROW_H / 2 - 4}" width="8" height="8" transform="rotate(45 ${g.laneX(h.lane)} ${y + ROW_H / 2})"><title>${esc(h.text)}</title></rect>`,
      );
  });
  out.push(`<text id="cursor" class="cursor" x="4" y="19" aria-hidden="true">▶</text>`);
  out.push("</svg>");
  return out.join("\n");
}
