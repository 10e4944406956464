/**
 * Lays a counterexample out as timeline data: lanes, one row per step that did something, message
 * arrows from send to delivery, fault spans, lane notes and each step's state diff. The model's
 * `timeline` hook supplies the lanes and what sits on them; without it everything happens on one
 * lane. The renderer (render.ts) only draws what this returns.
 */
import type { Counterexample } from "../../engine/check.ts";
import { makeContext } from "../../engine/context.ts";
import type { AnyModel, Context, ModelEvent } from "../../model.ts";
import { describeChange, diffViews } from "../diff.ts";
import type { Happening, Lane, LaneStatus, TimelineHook, Wire } from "./timeline.ts";

export interface Row {
  /** Position in the minimal story (0: the initial state). */
  readonly number: number;
  /** Position in the saved schedule (0: the initial state). */
  readonly index: number;
  readonly lane: string | undefined;
  readonly text: string;
  readonly seconds: number | undefined;
  readonly happenings: readonly Happening[];
  /** Lane id → note, where it changed at this row (every note on the initial row). */
  readonly notes: Readonly<Record<string, string>>;
  readonly changes: readonly string[];
}

export type Fate = "delivered" | "lost" | "pending";

export interface Arrow {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  /** Row of the send, and of the delivery or loss (the last row while still pending). */
  readonly sent: number;
  readonly ended: number;
  readonly fate: Fate;
  readonly duplicate: boolean;
}

export interface Span {
  readonly lane: string;
  readonly label: string;
  /** A fault (hatched); a history's operation, by outcome; or the window a checker points at. Default fault. */
  readonly kind?: "fault" | "ok" | "fail" | "info" | "window";
  readonly first: number;
  /** Inclusive; the last row when the fault still holds at the end. */
  readonly last: number;
}

export interface TimelineData {
  readonly lanes: readonly Lane[];
  readonly rows: readonly Row[];
  readonly arrows: readonly Arrow[];
  readonly spans: readonly Span[];
  /** Row of the step after which the invariant broke; undefined when the replay held. */
  readonly violationRow: number | undefined;
  /** True when the model gave a clock (rows carry seconds). */
  readonly timed: boolean;
}

type Hook = TimelineHook<unknown, unknown, ModelEvent>;

/** The picture for models without a hook: one lane named after the model, events as rows. */
function genericHook(model: AnyModel): Hook {
  return { lanes: () => [{ id: "model", label: model.name }], laneOf: () => "model" };
}

interface OpenArrow {
  readonly key: string;
  readonly wire: Wire;
  readonly sent: number;
  readonly duplicate: boolean;
}

/** Tracks the bag of messages in flight from state to state, opening and closing arrows. */
class Wires {
  private open: OpenArrow[] = [];
  readonly arrows: Arrow[] = [];

  constructor(private current: readonly Wire[]) {}

  step(next: readonly Wire[], row: number, fault: "loss" | "duplication" | undefined): void {
    const count = (wires: readonly Wire[]) => {
      const n = new Map<string, Wire[]>();
      for (const w of wires) n.set(w.key, [...(n.get(w.key) ?? []), w]);
      return n;
    };
    const before = count(this.current);
    const after = count(next);
    for (const [key, wires] of before) {
      let gone = wires.length - (after.get(key)?.length ?? 0);
      while (gone-- > 0) {
        const at = this.open.findIndex((o) => o.key === key);
        if (at < 0) break;
        const [o] = this.open.splice(at, 1);
        this.close(o!, row, fault === "loss" ? "lost" : "delivered");
      }
    }
    for (const [key, wires] of after) {
      const had = before.get(key)?.length ?? 0;
      for (let i = had; i < wires.length; i++)
        this.open.push({ key, wire: wires[i]!, sent: row, duplicate: fault === "duplication" && had > 0 });
    }
    this.current = next;
  }

  finish(lastRow: number): void {
    for (const o of this.open) this.close(o, lastRow, "pending");
    this.open = [];
  }

  private close(o: OpenArrow, ended: number, fate: Fate): void {
    const { from, to, label } = o.wire;
    this.arrows.push({ from, to, label, sent: o.sent, ended, fate, duplicate: o.duplicate });
  }
}

function spansOf(lanes: readonly Lane[], statuses: readonly Readonly<Record<string, LaneStatus>>[]): Span[] {
  const spans: Span[] = [];
  for (const lane of lanes) {
    let start = -1;
    let label = "";
    statuses.forEach((status, row) => {
      const fault = status[lane.id]?.fault ?? "";
      if (fault === label) return;
      if (label) spans.push({ lane: lane.id, label, first: start, last: row - 1 });
      start = row;
      label = fault;
    });
    if (label) spans.push({ lane: lane.id, label, first: start, last: statuses.length - 1 });
  }
  return spans;
}

function changedNotes(
  status: Readonly<Record<string, LaneStatus>>,
  previous: Readonly<Record<string, LaneStatus>> | undefined,
): Record<string, string> {
  const notes: Record<string, string> = {};
  for (const [lane, s] of Object.entries(status))
    if (s.note !== undefined && s.note !== previous?.[lane]?.note) notes[lane] = s.note;
  return notes;
}

/** Lanes the hook names only later (a node added mid-run) join at the end, labelled with their id. */
function withLanesNamedLater(
  lanes: readonly Lane[],
  rows: readonly Row[],
  statuses: readonly Readonly<Record<string, LaneStatus>>[],
): Lane[] {
  const known = new Set(lanes.map((l) => l.id));
  const named = [
    ...rows.flatMap((r) => [r.lane, ...r.happenings.map((h) => h.lane), ...Object.keys(r.notes)]),
    ...statuses.flatMap((s) => Object.keys(s)),
  ];
  const later = [...new Set(named)].filter((id): id is string => id !== undefined && !known.has(id));
  return [...lanes, ...later.map((id) => ({ id, label: id }))];
}

/** Lays out the steps of `cx` that did something (skipped events are left out, as in the Markdown story). */
export function layOut(model: AnyModel, cx: Counterexample): TimelineData {
  const ctx: Context<unknown> = makeContext(cx.config, cx.flaws);
  const hook: Hook = model.extensions.timeline ?? genericHook(model);
  const initial = cx.run.initial;
  const lanes = hook.lanes(initial, ctx);
  const statusOf = (state: unknown) => hook.status?.(state, ctx) ?? {};
  const wiresOf = (state: unknown) => hook.inFlight?.(state, ctx) ?? [];
  const secondsOf = (state: unknown) => hook.seconds?.(state, ctx);

  let previousView = model.view(initial, ctx);
  let previousStatus = statusOf(initial);
  const statuses = [previousStatus];
  const rows: Row[] = [
    {
      number: 0,
      index: 0,
      lane: undefined,
      text: "initial state",
      seconds: secondsOf(initial),
      happenings: [],
      notes: changedNotes(previousStatus, undefined),
      changes: [],
    },
  ];
  const wires = new Wires(wiresOf(initial));
  const violation = cx.run.violation;
  let violationRow = violation?.step === 0 ? 0 : undefined;
  let before = initial;
  for (const entry of cx.run.trace ?? []) {
    if (entry.skipped) continue;
    const after = entry.state;
    const row = rows.length;
    const view = model.view(after, ctx);
    const status = statusOf(after);
    rows.push({
      number: row,
      index: entry.index,
      lane: hook.laneOf(entry.event, before, ctx),
      text: model.describeEvent(entry.event, before, ctx),
      seconds: secondsOf(after),
      happenings: hook.happenings?.(before, after, ctx) ?? [],
      notes: changedNotes(status, previousStatus),
      changes: diffViews(previousView, view).map(describeChange),
    });
    wires.step(wiresOf(after), row, hook.networkFault?.(entry.event, before, ctx));
    statuses.push(status);
    if (violation?.step === entry.index) violationRow = row;
    previousView = view;
    previousStatus = status;
    before = after;
  }
  wires.finish(rows.length - 1);
  return {
    lanes: withLanesNamedLater(lanes, rows, statuses),
    rows,
    arrows: wires.arrows.sort((a, b) => a.sent - b.sent || a.ended - b.ended),
    spans: spansOf(lanes, statuses),
    violationRow,
    timed: hook.seconds !== undefined,
  };
}
