/**
 * The version-skew policy as published for a release, and the constants kubeadm enforces, as
 * tables keyed by release. Sources: kubernetes-facts.md §4.1 (version-skew-policy.md) and §4.2
 * (kubeadm `phases/upgrade/policy.go`, kubernetes#120825).
 */

export interface SkewPolicy {
  /** First release whose published policy reads like this. */
  readonly since: number;
  /** How many minors a kubelet (and kube-proxy) may be older than every kube-apiserver. */
  readonly kubeletOlder: (kubeletMinor: number) => number;
  readonly source: string;
}

/** Rules every release shares: apiservers within 1 minor of each other; KCM/scheduler same or 1 older; kubectl ±1. */
export const APISERVER_SPREAD = 1;
export const CONTROLLERS_OLDER = 1;
export const KUBECTL_SKEW = 1;

export const SKEW_POLICIES: readonly SkewPolicy[] = [
  {
    since: 28,
    kubeletOlder: (kubeletMinor) => (kubeletMinor < 25 ? 2 : 3),
    source: "n-3 for 1.28 control planes (website PR #42218, KEP-3935); kubelets < 1.25 only 2",
  },
  {
    since: 0,
    kubeletOlder: () => 2,
    source: "version-skew-policy.md before 1.28: kubelets up to 2 minors older",
  },
];

export function skewPolicy(release: number): SkewPolicy {
  return SKEW_POLICIES.find((p) => release >= p.since)!;
}

/**
 * kubeadm's `MaximumAllowedMinorVersionKubeletSkew`: 1 up to kubeadm 1.28, 3 from 1.29
 * (kubernetes#120825, kubeadm#2950) — kubeadm lagged the n-3 policy by one release.
 */
export function kubeadmKubeletSkew(kubeadmMinor: number): number {
  return kubeadmMinor >= 29 ? 3 : 1;
}

/** kubeadm v1.X deploys and upgrades control planes at v1.X or v1.(X-1) (kubeadm's own skew policy). */
export const KUBEADM_CONTROL_PLANE_OLDER = 1;
