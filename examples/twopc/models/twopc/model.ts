/**
 * Two-phase commit with crash and recovery: a coordinator asks every participant to prepare,
 * collects their votes, and commits only if all voted yes. Votes and decisions are written to
 * disk before they are sent, so they survive a crash. A participant that has not voted yet may
 * give up and abort on its own; one that voted yes must wait for the decision (it is "in doubt").
 */
import { defineModel, field } from "faultline";

type Vote = "yes" | "no";
type Outcome = "committed" | "aborted";

export interface Participant {
  readonly up: boolean;
  /** Durable once cast. */
  readonly vote: Vote | null;
  readonly outcome: Outcome | null;
}

export interface TwoPcState {
  readonly coordinator: { readonly up: boolean; readonly phase: "init" | "waiting" | Outcome };
  readonly participants: readonly Participant[];
}

const participant = field.id("participants", "participant");

function update(state: TwoPcState, id: number, change: Partial<Participant>): TwoPcState {
  return {
    ...state,
    participants: state.participants.map((p, i) => (i === id - 1 ? { ...p, ...change } : p)),
  };
}

function decide(state: TwoPcState, phase: Outcome): TwoPcState {
  return { ...state, coordinator: { ...state.coordinator, phase } };
}

export const twopc = defineModel({
  name: "twopc",
  summary: "two-phase commit: a coordinator and participants that crash and recover",
  params: [
    {
      key: "participants",
      flag: "participants",
      doc: "number of participants",
      type: "int",
      min: 2,
      max: 5,
      generate: { min: 2, max: 4 },
    },
  ],
  defaults: { participants: 3 },
  maxSteps: 30,
  init: ({ config }): TwoPcState => ({
    coordinator: { up: true, phase: "init" },
    participants: Array.from({ length: config.participants }, () => ({
      up: true,
      vote: null,
      outcome: null,
    })),
  }),
  events: {
    prepare: { doc: "the coordinator asks every participant to prepare", weight: 2 },
    vote: { doc: "a participant that was asked votes yes", weight: 6, fields: { participant } },
    refuse: { doc: "a participant that was asked votes no, and aborts", weight: 1, fields: { participant } },
    decide: { doc: "the coordinator decides from the votes it has", weight: 3 },
    timeout: { doc: "the coordinator gives up waiting for missing votes and aborts", weight: 1 },
    "give-up": {
      doc: "a participant that has not voted aborts on its own",
      weight: 2,
      fields: { participant },
    },
    learn: { doc: "a participant learns the coordinator's decision", weight: 6, fields: { participant } },
    crash: { doc: "a participant crashes", weight: 3, fault: true, fields: { participant } },
    recover: {
      doc: "a crashed participant recovers from its disk",
      weight: 3,
      fault: true,
      fields: { participant },
    },
  },
  step(state, event, { flaws }) {
    const { coordinator } = state;
    switch (event.kind) {
      case "prepare":
        return coordinator.phase === "init"
          ? { ...state, coordinator: { ...coordinator, phase: "waiting" } }
          : state;
      case "vote":
      case "refuse": {
        const p = state.participants[event.participant - 1]!;
        if (coordinator.phase !== "waiting" || !p.up || p.vote !== null || p.outcome !== null) return state;
        return update(
          state,
          event.participant,
          event.kind === "vote" ? { vote: "yes" } : { vote: "no", outcome: "aborted" },
        );
      }
      case "decide": {
        if (coordinator.phase !== "waiting") return state;
        const votes = state.participants.map((p) => p.vote);
        if (votes.includes("no")) return decide(state, "aborted");
        const yes = votes.filter((v) => v === "yes").length;
        const enough = flaws.has("commit-on-majority") ? yes > votes.length / 2 : yes === votes.length;
        return enough ? decide(state, "committed") : state;
      }
      case "timeout":
        return coordinator.phase === "waiting" && state.participants.some((p) => p.vote === null)
          ? decide(state, "aborted")
          : state;
      case "give-up": {
        const p = state.participants[event.participant - 1]!;
        return p.up && p.vote === null && p.outcome === null
          ? update(state, event.participant, { outcome: "aborted" })
          : state;
      }
      case "learn": {
        const p = state.participants[event.participant - 1]!;
        const decided = coordinator.phase === "committed" || coordinator.phase === "aborted";
        return decided && p.up && p.outcome === null
          ? update(state, event.participant, { outcome: coordinator.phase as Outcome })
          : state;
      }
      case "crash":
        return state.participants[event.participant - 1]!.up
          ? update(state, event.participant, { up: false })
          : state;
      case "recover": {
        const p = state.participants[event.participant - 1]!;
        if (p.up) return state;
        // The flaw: the vote lived only in memory, so an in-doubt participant forgets it voted yes.
        const forgets = flaws.has("forget-vote") && p.outcome === null;
        return update(state, event.participant, forgets ? { up: true, vote: null } : { up: true });
      }
    }
  },
  enabled: (_state, { config }) => [
    { kind: "prepare" as const },
    { kind: "decide" as const },
    { kind: "timeout" as const },
    ...Array.from({ length: config.participants }, (_, i) => i + 1).flatMap((participant) =>
      (["vote", "refuse", "give-up", "learn", "crash", "recover"] as const).map((kind) => ({
        kind,
        participant,
      })),
    ),
  ],
  describeEvent: (event) => {
    switch (event.kind) {
      case "vote":
        return `participant ${event.participant} votes yes`;
      case "refuse":
        return `participant ${event.participant} votes no and aborts`;
      case "give-up":
        return `participant ${event.participant} gives up and aborts`;
      case "learn":
        return `participant ${event.participant} learns the decision`;
      case "crash":
        return `participant ${event.participant} crashes`;
      case "recover":
        return `participant ${event.participant} recovers`;
      default:
        return `the coordinator ${event.kind === "prepare" ? "asks everyone to prepare" : event.kind === "decide" ? "decides" : "times out and aborts"}`;
    }
  },
  invariants: [
    {
      name: "atomicity",
      doc: "no participant commits while another aborts",
      check: (state) => {
        const committed = state.participants.findIndex((p) => p.outcome === "committed");
        const aborted = state.participants.findIndex((p) => p.outcome === "aborted");
        return committed >= 0 && aborted >= 0
          ? `participant ${committed + 1} committed but participant ${aborted + 1} aborted`
          : undefined;
      },
    },
    {
      name: "commit-needs-every-yes",
      doc: "the coordinator commits only when every participant has voted yes",
      check: (state, prev) => {
        const missing = state.participants.findIndex((p) => p.vote !== "yes");
        const commits = state.coordinator.phase === "committed" && prev.coordinator.phase !== "committed";
        return commits && missing >= 0
          ? `the coordinator committed without a yes from participant ${missing + 1}`
          : undefined;
      },
    },
  ],
  witnesses: [
    {
      name: "commit-learned",
      doc: "the coordinator commits and a participant learns it",
      reached: (state) => state.participants.some((p) => p.outcome === "committed"),
    },
    {
      name: "in-doubt-recovery",
      doc: "a participant that voted yes crashes and recovers before it learns the decision",
      reached: (state, prev) =>
        state.participants.some(
          (p, i) => p.up && !prev.participants[i]!.up && p.vote === "yes" && p.outcome === null,
        ),
    },
  ],
  flaws: [
    {
      name: "commit-on-majority",
      doc: "the coordinator commits once a majority voted yes",
      breaks: "commit-needs-every-yes",
    },
    {
      name: "forget-vote",
      doc: "a participant keeps its vote in memory only: after a crash an in-doubt participant may give up",
      breaks: "atomicity",
    },
  ],
});
