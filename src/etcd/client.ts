/**
 * The etcd client (npm etcd3, over gRPC) set up for testing: no retries and no circuit breaker —
 * a retried put could apply twice and would hide what etcd did — and a deadline on every call, so
 * an operation against a paused or cut-off member ends as "unknown" instead of hanging.
 */
import { noop } from "cockatiel";
import { Etcd3 } from "etcd3";

export function rawClient(hosts: readonly string[], deadlineMillis: number): Etcd3 {
  return new Etcd3({
    hosts: [...hosts],
    dialTimeout: deadlineMillis,
    faultHandling: { host: () => noop, global: noop },
    defaultCallOptions: (context) => (context.isStream ? {} : { deadline: Date.now() + deadlineMillis }),
  });
}

/** A client for watches: it may reconnect (to any member) and resume where it left off. */
export function watchClient(hosts: readonly string[]): Etcd3 {
  return new Etcd3({ hosts: [...hosts], dialTimeout: 1000 });
}
