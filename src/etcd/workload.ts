/**
 * The workload: concurrent client sessions, each pinned to one member and issuing one operation at
 * a time — gets (linearizable or serializable), puts of values never written before, and
 * compare-and-set transactions — plus one watch per key. Every operation is recorded with its
 * invoke and completion times and its outcome; an error that may have followed the request to
 * the server (a timeout, a dropped connection) is `info`, never `fail`.
 */
import type { Etcd3 } from "etcd3";
import fc from "fast-check";
import type { Input, Operation, Output, WatchEvent, WatchLog } from "../history/history.ts";
import { rawClient, watchClient } from "./client.ts";

export type ReadMode = "linearizable" | "serializable";

export interface WorkloadOptions {
  readonly clients: number;
  readonly keys: number;
  readonly read: ReadMode;
  readonly seed: number;
  readonly deadlineMillis: number;
  /** Client session i talks to member i mod N. */
  readonly clientUrls: readonly string[];
  /** Milliseconds since the run's start. */
  readonly now: () => number;
}

export interface Workload {
  /** Stops issuing operations and waits for the ones in flight. */
  stop(): Promise<Operation[]>;
  /** Waits (up to `millis`) until every watch has delivered `revision` or later for its key. */
  drainWatches(lastRevisions: ReadonlyMap<string, number>, millis: number): Promise<WatchLog[]>;
  close(): Promise<void>;
}

const keyName = (i: number) => `k${i}`;

/** Definitely not applied: the request never left the client. */
const neverSent = (message: string) => /ECONNREFUSED|No connection established/i.test(message);

export function startWorkload(options: WorkloadOptions): Workload {
  const operations: Operation[] = [];
  let nextId = 0;
  let running = true;
  const sessions: Etcd3[] = [];
  const picks = fc.sample(fc.noBias(fc.tuple(fc.nat(options.keys - 1), fc.nat(99))), {
    seed: options.seed,
    numRuns: 4096,
  });
  let pick = 0;
  const lastWritten = new Map<string, string>();
  const loops = Array.from({ length: options.clients }, async (_, client) => {
    const member = client % options.clientUrls.length;
    const session = rawClient([options.clientUrls[member]!], options.deadlineMillis);
    sessions.push(session);
    let seq = 0;
    while (running) {
      const [k, roll] = picks[pick++ % picks.length]!;
      const key = keyName(k);
      const value = `c${client}-${seq++}`;
      const input: Input =
        roll < 50
          ? { kind: "read" }
          : roll < 80
            ? { kind: "write", value }
            : { kind: "cas", expected: lastWritten.get(key) ?? null, value };
      if (input.kind !== "read") lastWritten.set(key, value);
      const id = nextId++;
      const invoke = options.now();
      try {
        const { output, revision } = await perform(session, key, input, options.read);
        operations.push({
          id,
          client,
          member,
          key,
          input,
          outcome: "ok",
          output,
          invoke,
          complete: options.now(),
          revision,
        });
      } catch (error) {
        const message = (error as Error).message.split("\n")[0]!.slice(0, 160);
        const outcome = neverSent(message) ? "fail" : "info";
        operations.push({ id, client, member, key, input, outcome, invoke, error: message });
        if (outcome === "fail") await new Promise((r) => setTimeout(r, 50));
      }
    }
  });
  const watcher = watchClient(options.clientUrls);
  const logs = new Map<string, { events: WatchEvent[]; compactedAt: number | null }>();
  const watchers = Array.from({ length: options.keys }, async (_, k) => {
    const log = { events: [] as WatchEvent[], compactedAt: null as number | null };
    logs.set(keyName(k), log);
    const w = await watcher.watch().key(keyName(k)).startRevision("1").create();
    w.on("put", (kv) =>
      log.events.push({ revision: Number(kv.mod_revision), value: kv.value.toString(), at: options.now() }),
    );
    w.on("delete", (kv) =>
      log.events.push({ revision: Number(kv.mod_revision), value: null, at: options.now() }),
    );
    w.on("error", (error) => {
      const compacted = /compact(ed)? revision (\d+)/i.exec(String(error));
      if (compacted) log.compactedAt = Number(compacted[2]);
    });
    return w;
  });
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      return operations.sort((a, b) => a.id - b.id);
    },
    async drainWatches(lastRevisions, millis) {
      await Promise.all(watchers);
      const deadline = Date.now() + millis;
      const caughtUp = () =>
        [...lastRevisions].every(([key, rev]) => (logs.get(key)?.events.at(-1)?.revision ?? 0) >= rev);
      while (!caughtUp() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      return [...logs].map(([key, log]) => ({
        key,
        fromRevision: 1,
        compactedAt: log.compactedAt,
        events: [...log.events],
      }));
    },
    async close() {
      for (const session of sessions) session.close();
      const settled = await Promise.allSettled(watchers);
      await Promise.allSettled(settled.map((w) => (w.status === "fulfilled" ? w.value.cancel() : undefined)));
      watcher.close();
    },
  };
}

async function perform(
  session: Etcd3,
  key: string,
  input: Input,
  read: ReadMode,
): Promise<{ output: Output; revision: number }> {
  switch (input.kind) {
    case "read": {
      const response = await session
        .get(key)
        .serializable(read === "serializable")
        .exec();
      const value = response.kvs[0]?.value.toString() ?? null;
      return { output: { kind: "read", value }, revision: Number(response.header.revision) };
    }
    case "write": {
      const response = await session.put(key).value(input.value).exec();
      return { output: { kind: "write" }, revision: Number(response.header.revision) };
    }
    case "cas": {
      const compare =
        input.expected === null
          ? session.if(key, "Version", "==", 0)
          : session.if(key, "Value", "==", input.expected);
      const response = await compare.then(session.put(key).value(input.value)).commit();
      return {
        output: { kind: "cas", swapped: response.succeeded },
        revision: Number(response.header.revision),
      };
    }
  }
}
