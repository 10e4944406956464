/**
 * The picture of a real run that broke linearizability: the checker's minimal window on its key,
 * one lane per client session, each operation a bar from invoke to completion labelled with its
 * outcome, the faults that overlap the window as spans, and the window outlined — drawn with the
 * HTML report's history layout (src/report/html/history.ts).
 */

import type { Operation } from "../history/history.ts";
import type { BadWindow } from "../history/linearizability.ts";
import type { HistoryOp, HistoryPicture } from "../report/html/history.ts";
import type { FaultEvent } from "./faults.ts";

/** "put k3=c2-17", "get k3 → c2-17", "cas k3 c2-17→c0-9 (swapped)". */
function label(op: Operation): string {
  const out = op.output;
  switch (op.input.kind) {
    case "read":
      return `get ${op.key}${out?.kind === "read" ? ` → ${out.value ?? "(absent)"}` : ""}`;
    case "write":
      return `put ${op.key}=${op.input.value}`;
    case "cas":
      return `cas ${op.key} ${op.input.expected ?? "(absent)"}→${op.input.value}${out?.kind === "cas" ? (out.swapped ? " (swapped)" : " (no swap)") : ""}`;
  }
}

/** Faults as spans: crash→restart and pause→resume per member, partition→heal. */
function faultSpans(applied: readonly FaultEvent[], end: number): HistoryPicture["faults"] {
  const spans: { label: string; from: number; to: number }[] = [];
  const open = new Map<string, { label: string; from: number }>();
  const closes: Record<string, string> = { restart: "crash", resume: "pause", heal: "partition" };
  for (const e of [...applied].sort((a, b) => a.at - b.at)) {
    const who = "member" in e ? `member ${e.member}` : "";
    if (e.kind === "crash" || e.kind === "pause")
      open.set(`${e.kind} ${who}`, {
        label: `${e.kind === "crash" ? "killed" : "paused"} ${who}`,
        from: e.at,
      });
    else if (e.kind === "partition")
      open.set("partition ", {
        label: `partition ${e.groups.map((g) => g.join(",")).join(" | ")}`,
        from: e.at,
      });
    else {
      const key = `${closes[e.kind]} ${who}`;
      const started = open.get(key);
      if (started) spans.push({ ...started, to: e.at });
      open.delete(key);
    }
  }
  for (const started of open.values()) spans.push({ ...started, to: end });
  return spans;
}

export function windowPicture(
  window: BadWindow,
  applied: readonly FaultEvent[],
  clients: number,
): HistoryPicture {
  const ops = window.operations;
  const from = Math.min(...ops.map((o) => o.invoke));
  const to = Math.max(...ops.map((o) => o.complete ?? o.invoke));
  const historyOps: HistoryOp[] = ops.map((op) => ({
    client: `client ${op.client}`,
    invoke: op.invoke,
    complete: op.complete,
    outcome: op.outcome,
    label: `${op.id === window.culprit ? "✗ " : ""}${label(op)}`,
  }));
  return {
    clients: Array.from({ length: clients }, (_, i) => `client ${i}`).filter((c) =>
      historyOps.some((o) => o.client === c),
    ),
    ops: historyOps,
    faults: faultSpans(applied, to).filter((f) => f.from <= to && f.to >= from),
    window: { from, to },
    secondsPerUnit: 1e-3,
  };
}
