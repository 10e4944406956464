/**
 * `--quorum-table`: for each cluster size, start a real cluster and crash members one at a time
 * (the client's own member last), trying a write after each crash; the largest number crashed
 * with a write still succeeding is what the cluster tolerates. Printed beside the quorum rule
 * ⌊N/2⌋+1, which says it should tolerate ⌊(N−1)/2⌋ — the same rule the ha model's
 * `faultline quorum` table computes.
 */
import { rawClient } from "./client.ts";
import { startCluster } from "./cluster.ts";
import { quorumSize } from "./connectivity.ts";

export interface QuorumRow {
  readonly members: number;
  readonly quorum: number;
  /** By the rule: ⌊(N−1)/2⌋. */
  readonly expected: number;
  readonly measured: number;
  /** Crashed members → whether a write then succeeded. */
  readonly writes: readonly boolean[];
}

export async function measureQuorumTable(
  binary: string,
  sizes: readonly number[],
  attemptMillis = 6000,
  progress: (line: string) => void = () => {},
): Promise<QuorumRow[]> {
  const rows: QuorumRow[] = [];
  for (const members of sizes) {
    const cluster = await startCluster(binary, members);
    const writes: boolean[] = [];
    try {
      for (let crashed = 0; crashed < members; crashed++) {
        if (crashed > 0) await cluster.members[members - crashed]!.crash();
        const ok = await writeWithin(cluster.members[0]!.clientUrl, attemptMillis);
        writes.push(ok);
        progress(`${members} members, ${crashed} crashed: write ${ok ? "succeeded" : "did not succeed"}`);
        if (!ok) break;
      }
    } finally {
      await cluster.stop();
    }
    const measured = writes.lastIndexOf(true);
    rows.push({
      members,
      quorum: quorumSize(members),
      expected: Math.floor((members - 1) / 2),
      measured,
      writes,
    });
  }
  return rows;
}

/** A write succeeds within the time allowed (retrying: an election may be under way). */
async function writeWithin(url: string, millis: number): Promise<boolean> {
  const client = rawClient([url], 1500);
  const deadline = Date.now() + millis;
  try {
    while (Date.now() < deadline) {
      try {
        await client.put("faultline/quorum").value(String(Date.now()));
        return true;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    return false;
  } finally {
    client.close();
  }
}

export function renderQuorumTable(rows: readonly QuorumRow[]): string {
  const header = [
    "members",
    "quorum ⌊N/2⌋+1",
    "tolerates (rule: ⌊(N-1)/2⌋)",
    "tolerates (measured)",
    "agrees",
  ];
  const body = rows.map((r) => [
    String(r.members),
    String(r.quorum),
    String(r.expected),
    String(r.measured),
    r.measured === r.expected ? "yes" : "NO",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [
    "etcd fault tolerance measured on a real cluster: members crashed (SIGKILL) while a write still succeeds",
    "(rule: the quorum rule ⌊N/2⌋+1, as in the ha model's `faultline quorum` table; measured: this machine's etcd)",
    "",
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...body.map(line),
  ].join("\n");
}
