/** Every model faultline knows, by name. Add one import and one entry per model. */
import type { AnyModel } from "../src/model.ts";
import { backup } from "./backup/model.ts";
import { cluster } from "./cluster/model.ts";
import { ha } from "./ha/model.ts";
import { lease } from "./lease/model.ts";
import { raft } from "./raft/model.ts";
import { upgrade } from "./upgrade/model.ts";

export const models: readonly AnyModel[] = [raft, ha, backup, upgrade, cluster, lease];

export function findModel(name: string): AnyModel | undefined {
  return models.find((m) => m.name === name);
}
