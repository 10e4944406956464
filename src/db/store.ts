/**
 * The failure database: one JSON file per distinct cause under `.faultline/<model>/`, in the
 * spirit of Hypothesis's example database. Saving the same cause again counts an occurrence and
 * keeps the shorter schedule. Files are written to a temporary name and renamed, so a killed run
 * never leaves half an entry.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Counterexample } from "../engine/check.ts";
import type { ConfigValues } from "../engine/config.ts";
import type { AnyModel, ModelEvent } from "../model.ts";
import { VERSION } from "../version.ts";
import { failureId, keyOf } from "./shape.ts";

export interface FailureEntry {
  readonly faultline: string;
  readonly id: string;
  readonly model: string;
  readonly invariant: string;
  readonly message: string;
  readonly flaws: readonly string[];
  readonly shape: readonly string[];
  readonly config: ConfigValues;
  readonly schedule: readonly ModelEvent[];
  readonly occurrences: number;
  /** Seeds (and fast-check paths) that found it, the first few only. */
  readonly seeds: readonly { readonly seed: number; readonly path: string | null }[];
  readonly firstSeen: string;
  readonly lastSeen: string;
}

export class DatabaseError extends Error {}

const MAX_SEEDS = 10;

export class FailureDb {
  constructor(readonly dir: string) {}

  private file(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  /** Every entry, optionally of one model, sorted by id; unreadable files are skipped, never fatal. */
  entries(model?: string): FailureEntry[] {
    const models = model === undefined ? this.modelDirs() : [model];
    const found: FailureEntry[] = [];
    for (const name of models) {
      let files: string[];
      try {
        files = readdirSync(join(this.dir, name)).filter((f) => f.endsWith(".json"));
      } catch {
        continue;
      }
      for (const file of files) {
        const entry = this.get(`${name}/${file.slice(0, -".json".length)}`);
        if (entry) found.push(entry);
      }
    }
    return found.sort((a, b) => a.id.localeCompare(b.id));
  }

  get(id: string): FailureEntry | undefined {
    if (!/^[\w.-]+\/[\w.-]+$/.test(id)) return undefined;
    try {
      const entry = JSON.parse(readFileSync(this.file(id), "utf8")) as FailureEntry;
      return entry && entry.id === id && Array.isArray(entry.schedule) ? entry : undefined;
    } catch {
      return undefined;
    }
  }

  /** Records one found counterexample: a new entry, or one more occurrence of a known cause. */
  save(
    model: AnyModel,
    cx: Counterexample,
    found: { seed: number | null; path: string | null },
    now = new Date(),
  ): { entry: FailureEntry; isNew: boolean } {
    const key = keyOf(model, cx);
    if (!key) throw new Error("only a counterexample with a violation can be saved");
    const id = failureId(key);
    const old = this.get(id);
    const shorter = !old || cx.schedule.length < old.schedule.length;
    const seen = found.seed === null ? [] : [{ seed: found.seed, path: found.path }];
    const entry: FailureEntry = {
      faultline: VERSION,
      id,
      model: model.name,
      invariant: key.invariant,
      message: shorter ? (cx.run.violation?.message ?? "") : old.message,
      flaws: key.flaws,
      shape: key.shape,
      config: shorter ? cx.config : old.config,
      schedule: shorter ? cx.schedule : old.schedule,
      occurrences: (old?.occurrences ?? 0) + 1,
      seeds: [...(old?.seeds ?? []), ...seen].slice(0, MAX_SEEDS),
      firstSeen: old?.firstSeen ?? now.toISOString(),
      lastSeen: now.toISOString(),
    };
    this.write(entry);
    return { entry, isNew: !old };
  }

  remove(id: string): boolean {
    if (!this.get(id)) return false;
    rmSync(this.file(id), { force: true });
    return true;
  }

  private write(entry: FailureEntry): void {
    const file = this.file(entry.id);
    try {
      mkdirSync(dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(entry, null, 2)}\n`);
      renameSync(temporary, file);
    } catch (error) {
      throw new DatabaseError(`cannot write the failure database ${this.dir}: ${(error as Error).message}`);
    }
  }

  private modelDirs(): string[] {
    try {
      return readdirSync(this.dir).filter((name) => statSync(join(this.dir, name)).isDirectory());
    } catch {
      return [];
    }
  }
}
