/**
 * A real etcd cluster on loopback: every member on free ports with its own data dir under one
 * temporary folder, peer traffic through faultline's proxies, everything registered for cleanup.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Etcd3 } from "etcd3";
import { cleanupEverything, removeTrackedDirs, trackCloser, trackDir } from "./cleanup.ts";
import { rawClient } from "./client.ts";
import { Member } from "./member.ts";
import { freePorts } from "./ports.ts";
import { PeerNetwork } from "./proxy.ts";

export interface Cluster {
  readonly members: readonly Member[];
  readonly network: PeerNetwork;
  readonly dir: string;
  /** Member index → its member id, as rafthttp writes it (hex). */
  readonly ids: ReadonlyMap<number, string>;
  stop(): Promise<void>;
}

export async function startCluster(binary: string, size: number, readyMillis = 30_000): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), "faultline-etcd-"));
  trackDir(dir);
  const ports = await freePorts(size * 3);
  const specs = Array.from({ length: size }, (_, index) => ({
    index,
    name: `m${index + 1}`,
    dataDir: join(dir, `m${index + 1}`),
    clientPort: ports[index]!,
    peerPort: ports[size + index]!,
    advertisedPeerPort: ports[2 * size + index]!,
  }));
  const initialCluster = specs.map((s) => `${s.name}=http://127.0.0.1:${s.advertisedPeerPort}`).join(",");
  const logs = join(dir, "logs");
  mkdirSync(logs);
  const token = `faultline-${process.pid}-${Date.now()}`;
  const network = new PeerNetwork();
  const untrackNetwork = trackCloser(() => network.close());
  await network.start(
    specs.map((s) => s.advertisedPeerPort),
    specs.map((s) => s.peerPort),
  );
  const members = specs.map((spec) => new Member(spec, binary, initialCluster, token, logs));
  for (const member of members) member.start();
  const stop = async () => {
    network.close();
    untrackNetwork();
    for (const member of members) member.resume();
    await Promise.all(members.map((m) => m.crash()));
    removeTrackedDirs();
  };
  try {
    const ids = await waitUntilReady(members, readyMillis);
    network.learnIds(new Map([...ids].map(([index, id]) => [id, index])));
    return { members, network, dir, ids, stop };
  } catch (error) {
    cleanupEverything();
    throw error;
  }
}

/** Waits until a write through every member succeeds, then reads the member ids. */
async function waitUntilReady(members: readonly Member[], readyMillis: number): Promise<Map<number, string>> {
  const deadline = Date.now() + readyMillis;
  for (const member of members) {
    const client = rawClient([member.clientUrl], 2000);
    try {
      for (;;) {
        try {
          await client.put("faultline/ready").value(member.spec.name);
          break;
        } catch (error) {
          if (Date.now() > deadline)
            throw new Error(
              `etcd member ${member.spec.name} did not become ready: ${(error as Error).message}`,
            );
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    } finally {
      client.close();
    }
  }
  const client: Etcd3 = rawClient([members[0]!.clientUrl], 5000);
  try {
    const list = await client.cluster.memberList({ linearizable: true });
    const byName = new Map(members.map((m) => [m.spec.name, m.spec.index]));
    return new Map(
      (list.members ?? []).map((m) => [byName.get(m.name)!, BigInt(m.ID).toString(16)] as [number, string]),
    );
  } finally {
    client.close();
  }
}
