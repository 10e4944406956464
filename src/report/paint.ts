/**
 * Colour for a terminal, through picocolors: the verdict marks only, so a line reads the same
 * without colour. Off unless the CLI says stdout is a terminal and NO_COLOR is unset.
 */
import pc from "picocolors";

export interface Paint {
  readonly bad: (text: string) => string;
  readonly good: (text: string) => string;
  readonly dim: (text: string) => string;
}

export function painter(enabled: boolean | undefined): Paint {
  const colors = pc.createColors(enabled === true);
  return { bad: colors.red, good: colors.green, dim: colors.dim };
}
