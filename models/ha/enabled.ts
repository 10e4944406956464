/** Every event that changes an HA state, for an exhaustive explorer: candidates of the config, minus no-ops. */
import type { Context } from "../../src/model.ts";
import { type HaEvent, linkExists } from "./events.ts";
import { step } from "./reducer.ts";
import { type HaConfig, type HaState, range } from "./state.ts";
import { clientLink, lbLink, memberIds, peerLink } from "./topology.ts";

function candidates(config: HaConfig): HaEvent[] {
  const nodes = range(config.controlPlanes);
  const members = memberIds(config);
  const links = [
    ...members.flatMap((a) => members.filter((b) => a < b).map((b) => peerLink(a, b))),
    ...nodes.map(lbLink),
    ...nodes.flatMap((api) => members.map((m) => clientLink(api, m))),
  ].filter((link) => linkExists(link, config));
  return [
    ...nodes.flatMap((node): HaEvent[] => [
      { kind: "node-fails", node },
      { kind: "node-returns", node },
    ]),
    ...members.flatMap((member): HaEvent[] => [
      { kind: "etcd-host-fails", member },
      { kind: "etcd-host-returns", member },
    ]),
    { kind: "lb-fails" },
    { kind: "lb-returns" },
    ...links.flatMap((link): HaEvent[] => [
      { kind: "link-fails", link },
      { kind: "link-returns", link },
    ]),
    { kind: "time-passes", seconds: 1 },
    { kind: "client-reads" },
    { kind: "client-writes" },
  ];
}

export function enabled(state: HaState, ctx: Context<HaConfig>): readonly HaEvent[] {
  return candidates(ctx.config).filter((event) => step(state, event, ctx) !== state);
}
