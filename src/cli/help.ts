/** `faultline <command> --help`: generated from the same flag specs the parser reads, so it cannot drift. */
import type { AnyModel, AnyParam, Command, FlagDoc } from "../model.ts";
import { describeParam } from "./parse.ts";

function flagLine(name: string, flag: FlagDoc): [string, string] {
  const short = flag.short ? `-${flag.short}, ` : "";
  const value = flag.type === "string" ? ` ${flag.value ?? "VALUE"}` : "";
  const repeat = flag.multiple ? " …" : "";
  const dflt = flag.defaultText === undefined ? "" : ` (default ${flag.defaultText})`;
  return [`${short}--${name}${value}${repeat}`, `${flag.doc}${dflt}`];
}

export function commandHelp(command: Command, model?: AnyModel): string {
  const rows = Object.entries(command.flags ?? {}).map(([name, flag]) => flagLine(name, flag));
  rows.push(["-h, --help", "this help"]);
  const width = Math.max(...rows.map(([left]) => left.length));
  const lines = [`usage: ${command.usage}`, "", command.summary, "", "options:"];
  for (const [left, right] of rows) lines.push(`  ${left.padEnd(width)}  ${right}`);
  if (command.takesModel) {
    lines.push("");
    if (model) {
      lines.push(`options of model ${model.name}:`);
      for (const param of model.params as readonly AnyParam[])
        lines.push(`  ${describeParam(param, model.defaults)}`);
    } else
      lines.push("model options: see `faultline " + command.name + " <model> --help` or `faultline list`");
  }
  return lines.join("\n");
}
