// examples/readme/lock.ts
import { defineModel, field } from "faultline";

/** The smallest useful model: clients take and release one lock. */
export const lock = defineModel({
  name: "lock",
  params: [
    {
      key: "clients",
      flag: "clients",
      doc: "clients",
      type: "int",
      min: 1,
      max: 5,
      generate: { min: 1, max: 3 },
    },
  ],
  defaults: { clients: 2 },
  init: () => ({ holders: [] as number[] }),
  events: {
    acquire: {
      doc: "a client asks for the lock",
      weight: 1,
      fields: { client: field.id("clients", "client") },
    },
    release: {
      doc: "a client lets go of the lock",
      weight: 1,
      fields: { client: field.id("clients", "client") },
    },
  },
  step(state, event, { flaws }) {
    const holds = state.holders.includes(event.client);
    if (event.kind === "release")
      return holds ? { holders: state.holders.filter((c) => c !== event.client) } : state;
    if (holds || (state.holders.length > 0 && !flaws.has("no-check"))) return state;
    return { holders: [...state.holders, event.client] };
  },
  invariants: [
    {
      name: "mutual-exclusion",
      doc: "at most one client holds the lock",
      check: (s) => (s.holders.length > 1 ? `clients ${s.holders.join(" and ")} hold the lock` : undefined),
    },
  ],
  flaws: [
    { name: "no-check", doc: "grants the lock without looking at who holds it", breaks: "mutual-exclusion" },
  ],
});
