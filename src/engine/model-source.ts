/**
 * Which module each model was loaded from. Worker threads cannot receive a model (it holds
 * functions), so they import the same module again and find the model by name there.
 */
import type { AnyModel } from "../model.ts";

const sources = new WeakMap<AnyModel, { url: string; builtin: boolean }>();

export function rememberSource(model: AnyModel, moduleUrl: string, builtin = false): void {
  if (!sources.has(model)) sources.set(model, { url: moduleUrl, builtin });
}

/** The user's own module a model came from (not faultline's built-in registry): reports record it for replay. */
export function userSourceOf(model: AnyModel): string | undefined {
  const source = sources.get(model);
  return source && !source.builtin ? source.url : undefined;
}

/** The module URL the model was loaded from, or undefined for a model built in memory. */
export function sourceOf(model: AnyModel): string | undefined {
  return sources.get(model)?.url;
}

/** Every model a module exports, by value: a `models` list, a default export, or named exports. */
export function modelsIn(module: Record<string, unknown>): AnyModel[] {
  const candidates = [
    ...(Array.isArray(module.models) ? module.models : []),
    module.default,
    ...Object.values(module),
  ];
  const found: AnyModel[] = [];
  for (const value of candidates) if (isModel(value) && !found.includes(value)) found.push(value);
  return found;
}

function isModel(value: unknown): value is AnyModel {
  if (typeof value !== "object" || value === null) return false;
  const m = value as Record<string, unknown>;
  return typeof m.name === "string" && typeof m.step === "function" && typeof m.init === "function";
}
