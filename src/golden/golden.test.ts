/**
 * Golden stories: every models/<name>/stories/*.txt is replayed and its printed story compared
 * with the text below its `----` line. After an intended change to an event description, a view
 * or a violation message, rewrite them with `UPDATE_GOLDEN=1 npx vitest run src/golden` and
 * review the diff.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { models } from "../../models/index.ts";
import { storyOf } from "./replay-story.ts";
import { parseStoryFile, withStory } from "./story-file.ts";

const MODELS_DIR = fileURLToPath(new URL("../../models/", import.meta.url));
const update = process.env.UPDATE_GOLDEN === "1";

function storyFiles(model: string): string[] {
  const dir = join(MODELS_DIR, model, "stories");
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith(".txt"))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

test("a change of behaviour shows in the story: Figure 8 under the flaw commit-previous-term reads differently", () => {
  const raft = models.find((m) => m.name === "raft")!;
  const file = parseStoryFile(readFileSync(join(MODELS_DIR, "raft/stories/figure-8.txt"), "utf8"));
  const flawed = storyOf(raft, { ...file, flaws: ["commit-previous-term"] });
  expect(storyOf(raft, file)).toBe(file.expected);
  expect(flawed).not.toBe(file.expected);
  expect(flawed).toContain("servers.1.commitIndex: 0 → 1");
});

for (const model of models) {
  describe(`${model.name} golden stories`, () => {
    const files = storyFiles(model.name);

    test("has at least three, one of them a flaw's counterexample", () => {
      expect(files.length).toBeGreaterThanOrEqual(3);
      expect(files.some((f) => parseStoryFile(readFileSync(f, "utf8")).flaws.length > 0)).toBe(true);
    });

    for (const path of files) {
      test(path.slice(MODELS_DIR.length), () => {
        const file = parseStoryFile(readFileSync(path, "utf8"));
        const story = storyOf(model, file);
        if (update && story !== file.expected) writeFileSync(path, withStory(file, story));
        else expect(story).toBe(file.expected);
      });
    }
  });
}
