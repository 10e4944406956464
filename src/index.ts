/**
 * faultline's public API. Write a model with `defineModel` and `field`, extend one with
 * `extendModel`/`withOnly`, check it with `check`, replay a schedule with `runSchedule`.
 * Property-suite helpers live in `faultline/vitest`; built-in models in `faultline/models/<name>`.
 */

export { EXIT, UsageError } from "./cli/command.ts";
export { parseFlags } from "./cli/parse.ts";
export { readTexts } from "./cli/read-texts.ts";
export { parseNumberFlag } from "./cli/values.ts";
export type { EventFromKinds, ModelSpec } from "./define.ts";
export { defineModel, ModelDefinitionError } from "./define.ts";
export type { CheckOptions, CheckResult, Counterexample } from "./engine/check.ts";
export { check } from "./engine/check.ts";
export { makeContext } from "./engine/context.ts";
export type { RunResult, TraceStep, Violation } from "./engine/runner.ts";
export { runSchedule } from "./engine/runner.ts";
export type { Additions } from "./extend.ts";
export { extendModel, withOnly } from "./extend.ts";
export type { Field, IntOptions } from "./fields.ts";
export { field } from "./fields.ts";
export type {
  AnyModel,
  ByteSink,
  Command,
  ConfigOf,
  ConfigValues,
  Context,
  Env,
  EventKind,
  EventOf,
  Extensions,
  FlagDoc,
  Flaw,
  FlawOf,
  Invariant,
  Io,
  Model,
  ModelEvent,
  Param,
  StateConstraint,
  StateEncoder,
  StateOf,
  SweepColumn,
  Witness,
} from "./model.ts";
export { renderTrace } from "./report/text.ts";
export { VERSION } from "./version.ts";
