import { describe, expect, test } from "vitest";
import { parseStoryFile, StoryFileError, withStory } from "./story-file.ts";

const text = [
  "# a scenario",
  'config {"nodes":3}',
  "flaws a, b",
  "schedule",
  '{"kind":"timeout","server":1}',
  '{"kind":"deliver-all"} x3',
  "----",
  "Model raft",
  "  1. step",
  "",
].join("\n");

describe("golden story files", () => {
  test("reads config, flaws, a schedule with repeats, and the expected story", () => {
    const file = parseStoryFile(text);
    expect(file.config).toEqual({ nodes: 3 });
    expect(file.flaws).toEqual(["a", "b"]);
    expect(file.schedule).toEqual([
      { kind: "timeout", server: 1 },
      { kind: "deliver-all" },
      { kind: "deliver-all" },
      { kind: "deliver-all" },
    ]);
    expect(file.expected).toBe("Model raft\n  1. step");
  });

  test("rewriting keeps everything above the separator and replaces the story", () => {
    const file = parseStoryFile(text);
    const rewritten = withStory(file, "Model raft\n  1. other");
    expect(rewritten).toBe(text.replace("  1. step", "  1. other"));
    expect(parseStoryFile(rewritten).expected).toBe("Model raft\n  1. other");
  });

  test("refuses a file without a separator, without a schedule, or with a line it does not know", () => {
    expect(() => parseStoryFile("schedule\n{}")).toThrow(StoryFileError);
    expect(() => parseStoryFile("config {}\n----\n")).toThrow(/no 'schedule'/);
    expect(() => parseStoryFile("nodes 3\nschedule\n----\n")).toThrow(/line 1: expected/);
    expect(() => parseStoryFile("schedule\n{kind}\n----\n")).toThrow(/line 2: not JSON/);
  });
});
