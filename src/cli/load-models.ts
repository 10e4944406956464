/**
 * The models a CLI run may name: the built-in ones, those a project's `faultline.config.json`
 * (or `.ts`, `.mjs`, `.js`) lists, and any model file named on the command line
 * (`faultline check ./models/twopc/model.ts`, or `file.ts#name` when a file exports several).
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { importModule } from "../engine/load-module.ts";
import { modelsIn, rememberSource } from "../engine/model-source.ts";
import type { AnyModel } from "../model.ts";
import { UsageError } from "./command.ts";

const MODULE = /\.(c|m)?(t|j)s$/;
export const CONFIG_FILES = [
  "faultline.config.json",
  "faultline.config.ts",
  "faultline.config.mjs",
  "faultline.config.js",
];

/** A command-line token that names a model file rather than a model: `./m.ts`, `m.js#name`. */
export function isModelPath(token: string): boolean {
  return MODULE.test(token.split("#")[0] ?? "");
}

/** The models a module file exports, each remembered with its source for worker threads. */
export async function loadModelFile(path: string, cwd: string): Promise<AnyModel[]> {
  const file = resolve(cwd, path);
  if (!existsSync(file)) throw new UsageError(`model file ${path} does not exist`);
  const url = pathToFileURL(file).href;
  let module: Record<string, unknown>;
  try {
    module = await importModule(url);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split("\n")[0];
    throw new UsageError(`cannot load model file ${path}: ${message}`);
  }
  const models = modelsIn(module);
  if (models.length === 0)
    throw new UsageError(`model file ${path} exports no model (export one made with defineModel)`);
  for (const model of models) rememberSource(model, url);
  return models;
}

/** Resolves a `path[#name]` token to one model, loading the file. */
export async function modelFromPath(token: string, cwd: string): Promise<AnyModel> {
  const [path = "", name] = token.split("#");
  const models = await loadModelFile(path, cwd);
  if (name !== undefined) {
    const model = models.find((m) => m.name === name);
    if (!model)
      throw new UsageError(
        `model file ${path} has no model '${name}' (it exports ${models.map((m) => m.name).join(", ")})`,
      );
    return model;
  }
  if (models.length > 1)
    throw new UsageError(
      `model file ${path} exports several models (${models.map((m) => m.name).join(", ")}): name one as ${path}#${models[0]!.name}`,
    );
  return models[0]!;
}

/** The model files a project's config file names, relative to the project root. */
export async function configuredModelPaths(
  cwd: string,
): Promise<{ file: string; paths: string[] } | undefined> {
  const name = CONFIG_FILES.find((f) => existsSync(join(cwd, f)));
  if (name === undefined) return undefined;
  const file = join(cwd, name);
  let config: unknown;
  try {
    config = name.endsWith(".json")
      ? JSON.parse(readFileSync(file, "utf8").replace(/^\uFEFF/, ""))
      : ((await importModule(pathToFileURL(file).href)).default ?? {});
  } catch (error) {
    throw new UsageError(`cannot read ${name}: ${(error as Error).message.split("\n")[0]}`);
  }
  const models = (config as { models?: unknown } | null)?.models;
  if (!Array.isArray(models) || !models.every((m) => typeof m === "string"))
    throw new UsageError(`${name} must have "models": a list of model file paths`);
  return { file: name, paths: models };
}

/** Models of the project's config file, each name unique among `known`. */
export async function loadConfiguredModels(known: readonly AnyModel[], cwd: string): Promise<AnyModel[]> {
  const configured = await configuredModelPaths(cwd);
  if (!configured) return [];
  const added: AnyModel[] = [];
  for (const path of configured.paths) {
    for (const model of await loadModelFile(path, cwd)) {
      if ([...known, ...added].some((m) => m.name === model.name && m !== model))
        throw new UsageError(`${configured.file} names a second model called '${model.name}' (in ${path})`);
      if (!added.includes(model)) added.push(model);
    }
  }
  return added;
}
