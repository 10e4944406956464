/** Lease-based leader election as kube-controller-manager and kube-scheduler run it (client-go leaderelection). */
import { defineModel } from "../../src/define.ts";
import { defaults, ms, params, validateConfig } from "./config.ts";
import { describeEvent, events, type LeaseEvent } from "./events.ts";
import { flaws } from "./flaws.ts";
import { invariants } from "./invariants.ts";
import { nextDue, step } from "./reducer.ts";
import { init, type LeaseContext, type LeaseState } from "./state.ts";
import { sweepColumns, sweepGrid } from "./sweep.ts";
import { timeline } from "./timeline.ts";
import { view } from "./view.ts";
import { witnesses } from "./witnesses.ts";

/** A bounded menu of events for an exhaustive explorer: time jumps to the next thing due, plus each fault's extremes. */
function enabled(s: LeaseState, ctx: LeaseContext): LeaseEvent[] {
  const { config } = ctx;
  const d = nextDue(s, ctx);
  const menu: LeaseEvent[] = [
    { kind: "advance", ms: d && d.at > s.now ? d.at - s.now : ms(config.retryPeriod) },
  ];
  for (let candidate = 1; candidate <= s.candidates.length; candidate++) {
    for (const kind of ["until", "crash", "restart", "shutdown", "cut", "heal", "lose"] as const)
      menu.push({ kind, candidate });
    menu.push(
      { kind: "pause", candidate, ms: ms(config.maxPause) },
      { kind: "latency", candidate, ms: ms(config.maxApiDelay) },
      { kind: "latency", candidate, ms: 0 },
      { kind: "clock-rate", candidate, perMille: 1000 - config.maxClockDrift },
      { kind: "clock-rate", candidate, perMille: 1000 + config.maxClockDrift },
      { kind: "clock-offset", candidate, ms: ms(config.maxClockOffset) },
      { kind: "jitter", candidate, u: 999 },
    );
  }
  return menu.filter((event) => step(s, event, ctx) !== s);
}

export const lease = defineModel({
  name: "lease",
  summary:
    "Lease-based leader election (client-go leaderelection, as kube-controller-manager and kube-scheduler run it) under clock drift, pauses and API faults",
  params,
  defaults,
  validateConfig,
  maxSteps: 60,
  init,
  step,
  events,
  enabled,
  describeEvent,
  view,
  invariants,
  witnesses,
  flaws,
  extensions: { timeline, sweepColumns, sweepGrid },
});
