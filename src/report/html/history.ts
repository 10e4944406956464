/**
 * The entry point for drawing a real history (the etcd checker's, src/history/) with the same
 * page: client lanes, each operation a bar from invoke to completion labelled with its outcome
 * (ok / fail / info), fault spans on a nemesis lane, and the window the checker found not
 * linearizable outlined. A history's instants become the rows. Hand `layOutHistory`'s result to
 * `renderPage` (page.ts) with the checker's words as the page facts.
 */
import type { Row, Span, TimelineData } from "./layout.ts";

export interface HistoryOp {
  readonly client: string;
  /** Instants (any unit, e.g. ns since the start); complete undefined: never returned. */
  readonly invoke: number;
  readonly complete: number | undefined;
  readonly outcome: "ok" | "fail" | "info";
  /** "put k1=3", "get k1 → 2". */
  readonly label: string;
}

export interface HistoryPicture {
  readonly clients: readonly string[];
  readonly ops: readonly HistoryOp[];
  readonly faults: readonly { readonly label: string; readonly from: number; readonly to: number }[];
  /** Where the checker says linearizability fails. */
  readonly window?: { readonly from: number; readonly to: number };
  /** Seconds per instant unit, for the time axis (1e-9 for ns). */
  readonly secondsPerUnit: number;
}

const NEMESIS = "nemesis";

export function layOutHistory(h: HistoryPicture): TimelineData {
  const instants = [
    ...new Set([
      ...h.ops.flatMap((o) => (o.complete === undefined ? [o.invoke] : [o.invoke, o.complete])),
      ...h.faults.flatMap((f) => [f.from, f.to]),
    ]),
  ].sort((a, b) => a - b);
  const rowOf = (t: number) => instants.indexOf(t);
  const last = instants.length - 1;
  const rows: Row[] = instants.map((t, i) => {
    const here = [
      ...h.ops.filter((o) => o.invoke === t).map((o) => `${o.client} invokes ${o.label}`),
      ...h.ops.filter((o) => o.complete === t).map((o) => `${o.client} ${o.label}: ${o.outcome}`),
      ...h.faults.filter((f) => f.from === t).map((f) => `${f.label} starts`),
      ...h.faults.filter((f) => f.to === t).map((f) => `${f.label} ends`),
    ];
    return {
      number: i,
      index: i,
      lane: undefined,
      text: here.join(" · "),
      seconds: t * h.secondsPerUnit,
      happenings: [],
      notes: {},
      changes: here,
    };
  });
  const spans: Span[] = [
    ...h.ops.map((o) => ({
      lane: o.client,
      label: `${o.label} ${o.outcome}`,
      kind: o.outcome,
      first: rowOf(o.invoke),
      last: o.complete === undefined ? last : rowOf(o.complete),
    })),
    ...h.faults.map((f) => ({ lane: NEMESIS, label: f.label, first: rowOf(f.from), last: rowOf(f.to) })),
  ];
  // The window's last instant is where the history stops being explainable: the violating row.
  const windowEnd = h.window ? instants.filter((t) => t <= h.window!.to).length - 1 : undefined;
  if (h.window) {
    const first = instants.findIndex((t) => t >= h.window!.from);
    const end = windowEnd!;
    for (const client of h.clients)
      spans.push({ lane: client, label: "not linearizable", kind: "window", first, last: end });
  }
  return {
    lanes: [...h.clients.map((c) => ({ id: c, label: c })), { id: NEMESIS, label: "nemesis" }],
    rows,
    arrows: [],
    spans,
    violationRow: windowEnd,
    timed: true,
  };
}
