/** A sweep's grid: every combination of the values listed for some params, the rest held fixed. */
import type { ConfigValues } from "../fields.ts";
import type { AnyModel } from "../model.ts";

/** One param and the values the sweep tries for it. */
export interface Axis {
  readonly key: string;
  readonly values: readonly unknown[];
}

/** The configs of every cell, first axis slowest, on top of `base`. */
export function gridCells(axes: readonly Axis[], base: object): ConfigValues[] {
  let cells: ConfigValues[] = [base as ConfigValues];
  for (const axis of axes)
    cells = cells.flatMap((cell) => axis.values.map((v) => ({ ...cell, [axis.key]: v })));
  return cells;
}

/** The model's default grid (its `sweepGrid` extension) as axes, by param flag. */
export function defaultAxes(model: AnyModel): Axis[] {
  const grid = model.extensions.sweepGrid ?? {};
  return Object.entries(grid).map(([flag, values]) => {
    const param = model.params.find((p) => p.flag === flag);
    if (!param)
      throw new RangeError(
        `model ${model.name}'s sweep grid names --${flag}, which is not one of its params`,
      );
    return { key: param.key, values };
  });
}
