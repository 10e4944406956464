/**
 * The optional `timeline` hook a model gives the HTML report: what a lane-per-node picture needs
 * to know about its raw states. Everything is derived from states the report replays; the hook is
 * pure, like the rest of a model. A model without it gets the generic picture (one lane, events
 * as rows, state diffs).
 *
 * Messages need no identity of their own: the report diffs `inFlight` of consecutive states as
 * bags of `key`s. A key that appears is a send (a duplicate when `networkFault` says so); a key
 * that goes away is a delivery, or a loss when `networkFault` says so.
 */
import type { Context } from "../../model.ts";

/** One column of the picture: a server, candidate or node, or the network / API server. */
export interface Lane {
  readonly id: string;
  readonly label: string;
}

/** A message in flight in one state. */
export interface Wire {
  /** Equal keys mean equal messages (a duplicate shares its original's key). */
  readonly key: string;
  readonly from: string;
  readonly to: string;
  /** Short words on the arrow: "RequestVote t2". */
  readonly label: string;
}

/** How a lane stands in one state. */
export interface LaneStatus {
  /** Role and term, or the lease holder: "leader t3". Written on the lane where it changes. */
  readonly note?: string;
  /** A fault holding the lane ("crashed", "paused", "cut off", "side A"): drawn as a hatched, labelled span. */
  readonly fault?: string;
}

/** Something that happened on a lane inside one step (a timer firing, a leader starting to act). */
export interface Happening {
  readonly lane: string;
  readonly text: string;
}

export interface TimelineHook<Config, State, Event> {
  readonly lanes: (initial: State, ctx: Context<Config>) => readonly Lane[];
  /** The lane an event happens on (the network's lane for a partition); undefined: no lane in particular. */
  readonly laneOf: (event: Event, before: State, ctx: Context<Config>) => string | undefined;
  readonly inFlight?: (state: State, ctx: Context<Config>) => readonly Wire[];
  /** "loss": messages that go away in this step were lost, not delivered; "duplication": new copies are duplicates. */
  readonly networkFault?: (
    event: Event,
    before: State,
    ctx: Context<Config>,
  ) => "loss" | "duplication" | undefined;
  /** Lane id → status; lanes left out have no note and no fault. */
  readonly status?: (state: State, ctx: Context<Config>) => Readonly<Record<string, LaneStatus>>;
  readonly happenings?: (before: State, after: State, ctx: Context<Config>) => readonly Happening[];
  /** Real time of a state in seconds, for the models that have a clock. */
  readonly seconds?: (state: State, ctx: Context<Config>) => number;
}
