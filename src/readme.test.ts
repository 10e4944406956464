/**
 * Every TypeScript snippet in the README is a real file that runs in a test: each ```ts block names
 * its file on its first line (`// examples/readme/lock.ts`) and must equal that file.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("..", import.meta.url);
const readme = readFileSync(new URL("README.md", root), "utf8");
const snippets = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe("README snippets", () => {
  it("has snippets to check", () => expect(snippets.length).toBeGreaterThanOrEqual(3));

  for (const snippet of snippets) {
    const file = /^\/\/ (\S+)\n/.exec(snippet)?.[1];
    it(`${file ?? snippet.slice(0, 40)} is the file it names, which a test runs`, () => {
      expect(file, "a README ts snippet must start with // <path of the file it shows>").toBeDefined();
      const path = new URL(file!, root);
      expect(existsSync(path)).toBe(true);
      expect(readFileSync(path, "utf8")).toBe(snippet);
      const test = file!.endsWith(".test.ts") ? file! : file!.replace(/\.ts$/, ".test.ts");
      expect(existsSync(new URL(test, root)), `${test} runs ${file}`).toBe(true);
    });
  }
});
