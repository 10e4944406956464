/** Conditions a good suite must reach (Stateright's `sometimes`), so passing runs are not vacuous. */
import type { Witness } from "../../src/model.ts";
import type { LeaseConfig } from "./config.ts";
import type { Happening, LeaseState } from "./state.ts";

type LeaseWitness = Witness<LeaseConfig, LeaseState>;

/** The holder changes this step, each with the holder before it (undefined: the Lease was created). */
function handovers(s: LeaseState, prev: LeaseState): { from: string | undefined; to: string }[] {
  const log = s.history.log;
  if (log === prev.history.log) return [];
  const found: { from: string | undefined; to: string }[] = [];
  let holder: string | undefined;
  log.forEach((h: Happening, i) => {
    if (!("holder" in h)) return;
    if (i >= prev.history.log.length) found.push({ from: holder, to: h.holder });
    holder = h.holder;
  });
  return found;
}

const newStops = (s: LeaseState, prev: LeaseState) =>
  s.history.log.slice(prev.history.log.length).filter((h) => "stops" in h);

export const witnesses: readonly LeaseWitness[] = [
  {
    name: "takeover-after-expiry",
    doc: "a candidate takes over a lease another candidate held and did not release",
    reached: (s, prev) =>
      handovers(s, prev).some((h) => h.from !== undefined && h.from !== "" && h.to !== "" && h.from !== h.to),
  },
  {
    name: "renew-deadline-stop",
    doc: "a leader stops acting because no renew succeeded within renewDeadline",
    reached: (s, prev) => newStops(s, prev).some((h) => "why" in h && h.why === "renew deadline passed"),
  },
  {
    name: "failover",
    doc: "a new leader acts after the old one crashed, was cut off or shut down",
    reached: (s, prev) => {
      const f = s.history.failover;
      return (
        f !== undefined &&
        f.cause !== "start" &&
        f.ended !== undefined &&
        prev.history.failover?.ended === undefined
      );
    },
  },
  {
    name: "write-conflict",
    doc: "the API server rejects a write on a stale resourceVersion or an existing Lease",
    reached: (s, prev) => s.history.rejected > prev.history.rejected,
  },
  {
    name: "late-request-applied",
    doc: "the API server applies a request its sender had already given up on",
    reached: (s, prev) => s.history.late > prev.history.late,
  },
];
