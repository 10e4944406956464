/** `faultline list`: every model with its params, invariants, witnesses and flaws, one line each. */
import { type Command, UsageError } from "../command.ts";
import { describeParam, parseFlags } from "../parse.ts";

export const list: Command = {
  name: "list",
  summary: "show every model with its options, invariants, witnesses and flaws",
  usage: "faultline list [--json]",
  flags: { json: { type: "boolean", doc: "every model as JSON" } },
  run(args, { io, models }) {
    const { values, positionals } = parseFlags(args, { json: { type: "boolean" } }, "list");
    if (positionals.length) throw new UsageError(`list takes no arguments (got ${positionals[0]})`);
    if (values.json) {
      io.out(
        JSON.stringify(
          models.map((m) => ({
            name: m.name,
            summary: m.summary,
            params: m.params.map((p) => ({ ...p, default: m.defaults[p.key] })),
            invariants: m.invariants.map(({ name, doc }) => ({ name, doc })),
            witnesses: m.witnesses.map(({ name, doc }) => ({ name, doc })),
            flaws: m.flaws.map(({ name, doc, breaks }) => ({ name, doc, breaks })),
          })),
          null,
          2,
        ),
      );
      return 0;
    }
    for (const model of models) {
      io.out(`${model.name} — ${model.summary}`);
      io.out("  options:");
      for (const param of model.params) io.out(`    ${describeParam(param, model.defaults)}`);
      io.out("  invariants:");
      for (const inv of model.invariants) io.out(`    ${inv.name} — ${inv.doc}`);
      if (model.witnesses.length) {
        io.out("  witnesses (must be reached):");
        for (const w of model.witnesses) io.out(`    ${w.name} — ${w.doc}`);
      }
      io.out("  flaws (--flaw NAME):");
      for (const flaw of model.flaws) io.out(`    ${flaw.name} — breaks ${flaw.breaks}: ${flaw.doc}`);
      io.out("");
    }
    return 0;
  },
};
