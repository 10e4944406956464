/** The seed's statements about quorum and topologies, as computed by the HA model (kubernetes-facts.md §5.1, §5.5). */
import { describe, expect, test } from "vitest";
import { UsageError } from "../../src/cli/command.ts";
import { quorumCommand } from "./quorum-command.ts";
import { etcdToleranceTable, formulaTolerance, subsets, topologyRow } from "./tolerance.ts";

describe("etcd fault tolerance, found by failing every set of members", () => {
  const table = etcdToleranceTable(9);
  const tolerates = (n: number) => table[n - 1]!.tolerates;

  test("equals etcd's table and floor((N-1)/2) for 1..9 members", () => {
    expect(table.map((r) => [r.members, r.quorum, r.tolerates])).toEqual([
      [1, 1, 0],
      [2, 2, 0],
      [3, 2, 1],
      [4, 3, 1],
      [5, 3, 2],
      [6, 4, 2],
      [7, 4, 3],
      [8, 5, 3],
      [9, 5, 4],
    ]);
    for (const r of table) expect(r.tolerates).toBe(formulaTolerance(r.members));
  });

  test("two members tolerate no failure, three tolerate one", () => {
    expect(tolerates(2)).toBe(0);
    expect(tolerates(3)).toBe(1);
  });

  test("an even size adds no tolerance over the odd size below it", () => {
    for (const even of [2, 4, 6, 8]) expect(tolerates(even)).toBe(tolerates(even - 1));
  });
});

describe("stacked vs external control planes", () => {
  test("a stacked node failure costs an apiserver and an etcd member; an external one only an apiserver", () => {
    expect(topologyRow("stacked", 3, 3).oneNodeFailureCosts).toEqual({ apiservers: 1, etcdMembers: 1 });
    expect(topologyRow("external", 3, 3).oneNodeFailureCosts).toEqual({ apiservers: 1, etcdMembers: 0 });
  });

  test("stacked 2, 3, 5 nodes survive 0, 1, 2 node failures; external with 3 etcd hosts survive N-1", () => {
    expect([2, 3, 5].map((n) => topologyRow("stacked", n, 3).nodeFailuresSurvived)).toEqual([0, 1, 2]);
    expect([2, 3, 5].map((n) => topologyRow("external", n, 3).nodeFailuresSurvived)).toEqual([1, 2, 4]);
    expect(topologyRow("external", 3, 3).etcdHostFailuresSurvived).toBe(1);
  });

  test("subsets enumerates every failure set", () => {
    expect(subsets(4, 2)).toHaveLength(6);
    expect(subsets(3, 0)).toEqual([[]]);
  });
});

describe("faultline quorum", () => {
  const capture = () => {
    const lines: string[] = [];
    return {
      lines,
      env: { io: { out: (t: string) => lines.push(t), err: (t: string) => lines.push(t) }, models: [] },
    };
  };

  test("prints both tables, and the same figures as JSON", async () => {
    const text = capture();
    expect(await quorumCommand.run([], text.env)).toBe(0);
    expect(text.lines.join("\n")).toMatch(/stacked\s+3\s+3\s+3\s+1/);
    const json = capture();
    expect(await quorumCommand.run(["--json"], json.env)).toBe(0);
    const parsed = JSON.parse(json.lines.join("\n"));
    expect(parsed.etcd[2]).toEqual({ members: 3, quorum: 2, tolerates: 1, formula: 1 });
    expect(parsed.topologies).toHaveLength(6);
  });

  test("bad flags are one-line usage errors", () => {
    expect(() => quorumCommand.run(["--nodes", "3"], capture().env)).toThrow(UsageError);
    expect(() => quorumCommand.run(["--etcd-members", "12"], capture().env)).toThrow(/between 1 and 9/);
    expect(() => quorumCommand.run(["extra"], capture().env)).toThrow(UsageError);
  });
});
