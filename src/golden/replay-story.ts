/** Replays a golden story file's schedule and prints its story the way `faultline replay` does. */
import type { Counterexample } from "../engine/check.ts";
import { checkConfig, pinnedConfig } from "../engine/config.ts";
import { makeContext, resolveFlaws } from "../engine/context.ts";
import { eventProblem } from "../engine/events.ts";
import { runSchedule } from "../engine/runner.ts";
import type { AnyModel } from "../model.ts";
import { renderTrace } from "../report/text.ts";
import { type StoryFile, StoryFileError } from "./story-file.ts";

export function storyOf(model: AnyModel, file: StoryFile): string {
  const config = pinnedConfig(model, file.config, resolveFlaws(model, file.flaws));
  const problem = checkConfig(model, config);
  if (problem) throw new StoryFileError(`config: ${problem}`);
  file.schedule.forEach((event, i) => {
    const bad = eventProblem(model, event, config);
    if (bad) throw new StoryFileError(`event ${i + 1}: ${bad}`);
  });
  const run = runSchedule(model, makeContext(config, file.flaws), file.schedule, {
    record: true,
    freeze: true,
  });
  const cx: Counterexample = { config, flaws: file.flaws, schedule: file.schedule, run };
  return renderTrace(model, cx);
}
