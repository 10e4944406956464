/**
 * The LeaderElectionRecord as client-go compares it. LeaseLock.Get converts the Lease's spec to a
 * LeaderElectionRecord whose times are metav1.Time, and json.Marshal writes those as RFC 3339 with
 * whole seconds; tryAcquireOrRenew then compares these bytes with the last ones it saw
 * (`bytes.Equal(le.observedRawRecord, oldLeaderElectionRawRecord)`). Two records that differ only
 * below the second are the same record to a candidate.
 */
import type { LeaseSpec } from "./state.ts";

/** Whole seconds, as RFC 3339 truncates a time (towards the past, also before the epoch). */
const wholeSeconds = (ms: number) => Math.floor(ms / 1000);

export function serialisedRecord(spec: LeaseSpec): string {
  return JSON.stringify({
    holderIdentity: spec.holderIdentity,
    leaseDurationSeconds: spec.leaseDurationSeconds,
    acquireTime: wholeSeconds(spec.acquireTime),
    renewTime: wholeSeconds(spec.renewTime),
    leaderTransitions: spec.leaseTransitions,
  });
}
