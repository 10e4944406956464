/**
 * A golden story file, in the spirit of etcd-io/raft's datadriven test files
 * (https://github.com/etcd-io/raft/tree/main/testdata): a fixed config and schedule above a
 * `----` line, and below it the exact story faultline prints for them. A test replays the
 * schedule and compares; `UPDATE_GOLDEN=1` rewrites the part below the line.
 *
 *   # prose: the scenario and its source
 *   config {"nodes":3}
 *   flaws commit-previous-term
 *   schedule
 *   {"kind":"timeout","server":1}
 *   {"kind":"deliver-all"} x2        (an event repeated twice)
 *   ----
 *   Model raft · nodes=3 · flaws: commit-previous-term
 *   …
 */
import type { ConfigValues } from "../fields.ts";
import type { ModelEvent } from "../model.ts";

export const SEPARATOR = "----";

export interface StoryFile {
  /** Everything above the separator, kept byte for byte when the expected story is rewritten. */
  readonly head: string;
  readonly config: ConfigValues;
  readonly flaws: readonly string[];
  readonly schedule: readonly ModelEvent[];
  /** The story below the separator, without the trailing newline. */
  readonly expected: string;
}

export class StoryFileError extends Error {}

const REPEAT = /^(.*\})\s+x(\d+)$/;

export function parseStoryFile(text: string): StoryFile {
  const lines = text.split("\n");
  const cut = lines.indexOf(SEPARATOR);
  if (cut < 0) throw new StoryFileError(`no '${SEPARATOR}' line between the schedule and the story`);
  let config: ConfigValues = {};
  let flaws: string[] = [];
  const schedule: ModelEvent[] = [];
  let inSchedule = false;
  lines.slice(0, cut).forEach((raw, i) => {
    const line = raw.trim();
    const where = `line ${i + 1}`;
    if (line === "" || line.startsWith("#")) return;
    if (inSchedule) {
      const repeat = REPEAT.exec(line);
      const event = parseJson(repeat ? repeat[1]! : line, where) as ModelEvent;
      for (let n = repeat ? Number(repeat[2]) : 1; n > 0; n--) schedule.push(event);
    } else if (line === "schedule") inSchedule = true;
    else if (line.startsWith("config ")) config = parseJson(line.slice(7), where) as ConfigValues;
    else if (line.startsWith("flaws "))
      flaws = line
        .slice(6)
        .split(",")
        .map((f) => f.trim())
        .filter(Boolean);
    else
      throw new StoryFileError(`${where}: expected 'config {…}', 'flaws a,b' or 'schedule', got '${line}'`);
  });
  if (!inSchedule) throw new StoryFileError("no 'schedule' line");
  const expected = lines
    .slice(cut + 1)
    .join("\n")
    .replace(/\n+$/, "");
  return { head: lines.slice(0, cut).join("\n"), config, flaws, schedule, expected };
}

/** The file with `story` below the separator, everything above it unchanged. */
export function withStory(file: StoryFile, story: string): string {
  return `${file.head}\n${SEPARATOR}\n${story}\n`;
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new StoryFileError(`${where}: not JSON: ${text}`);
  }
}
