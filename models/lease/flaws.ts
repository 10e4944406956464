/** Deliberately wrong electors, each a small difference from client-go at the point where the real bug would be. */
import type { Flaw } from "../../src/model.ts";

export const flaws = [
  {
    name: "remote-clock-expiry",
    doc: "judges expiry by comparing the holder-written renewTime with the candidate's own wall clock instead of its own observedTime: a candidate whose clock is set ahead takes over a live lease. Caught by single-active-leader.",
    breaks: "single-active-leader",
  },
  {
    name: "no-renew-deadline",
    doc: "the renew poll has no renewDeadline: a leader cut off from the API server keeps acting until a try happens to show it someone else's record. Caught by single-active-leader.",
    breaks: "single-active-leader",
  },
  {
    name: "blind-update",
    doc: "UPDATEs the Lease without the resourceVersion precondition: a stale write (a renew held back by a partition and applied after its sender gave up, or the second of two acquirers that read the same expired record) overwrites the current holder. Caught by leader-holds-lease.",
    breaks: "leader-holds-lease",
  },
  {
    name: "own-duration-expiry",
    doc: "pre-1.27 client-go: judges expiry with the candidate's own configured leaseDuration instead of the record's leaseDurationSeconds. Candidate 1 runs 10/5/2 s next to 15/10/2 s replicas and takes over their leases too early. Caught by single-active-leader.",
    breaks: "single-active-leader",
    config: { candidate1LeaseDuration: 10, candidate1RenewDeadline: 5 },
  },
  {
    name: "release-before-stop",
    doc: "on graceful shutdown with ReleaseOnCancel, keeps acting until the release write returns, as client-go's Run does when the renew deadline passes; on shutdown client-go stops at once, because the run context the caller cancels is the parent of OnStartedLeading's. Flaw config: client-go 1.33, renewDeadline 6 s, where the correct elector's release fits the lease. Caught by leader-holds-lease.",
    breaks: "leader-holds-lease",
    config: { releaseOnCancel: true, clientGo: "1.33", renewDeadline: 6 },
  },
  {
    name: "observe-every-read",
    doc: "refreshes observedTime on every GET, not only when the record changed: a lease whose holder died never looks expired, so nobody takes over. Caught by failover-bounded.",
    breaks: "failover-bounded",
  },
] as const satisfies readonly Flaw[];
