/** Kubernetes versions (major.minor.patch) and the releases this model knows. */

export interface Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

/** Patch releases the package repository offers for every minor: x.y.0 … x.y.LATEST_PATCH. */
export const LATEST_PATCH = 2;

/** Oldest and newest releases a `--policy-release` may name (1.36 is the newest release in the fact sheet). */
export const FIRST_RELEASE = 11;
export const NEWEST_RELEASE = 36;

/** `--policy-release` values, newest first: "1.36", "1.35", …, "1.11". */
export const RELEASES: readonly string[] = Array.from(
  { length: NEWEST_RELEASE - FIRST_RELEASE + 1 },
  (_, i) => `1.${NEWEST_RELEASE - i}`,
);

export function v(minor: number, patch: number): Version {
  return { major: 1, minor, patch };
}

export function show(version: Version): string {
  return `${version.major}.${version.minor}.${version.patch}`;
}

/** Parses "1.13.2" (or "v1.13.2"); undefined for anything else. */
export function parse(text: string): Version | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

/** Negative, zero or positive as `a` is older than, equal to or newer than `b`. */
export function compare(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

export function same(a: Version, b: Version): boolean {
  return compare(a, b) === 0;
}

/** The minor of a release name such as "1.13". */
export function releaseMinor(release: string): number {
  return Number(release.split(".")[1]);
}
