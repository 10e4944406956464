/**
 * Kubernetes' IntOrString for PodDisruptionBudgets: a whole number, or a string "N%".
 * `scaledValue` is intstr.GetScaledValueFromIntOrPercent(value, total, roundUp=true)
 * (kubernetes/apimachinery pkg/util/intstr/intstr.go), which the disruption controller calls
 * for both minAvailable and maxUnavailable percentages: ceil(N × total / 100).
 */
import type { IntOrPercent } from "./topology.ts";

const PERCENT = /^[0-9]+%$/;

/** Why the value is not a valid budget value (apis/policy/validation: a non-negative int, or 0%–100%), or undefined. */
export function intOrPercentProblem(value: unknown): string | undefined {
  if (typeof value === "number")
    return Number.isInteger(value) && value >= 0 ? undefined : `${value} is not a whole number ≥ 0`;
  if (typeof value !== "string") return `${JSON.stringify(value)} is neither a number nor a percentage`;
  if (!PERCENT.test(value)) return `"${value}" is not a percentage like "50%"`;
  if (Number.parseInt(value, 10) > 100) return `"${value}" is more than 100%`;
  return undefined;
}

export function scaledValue(value: IntOrPercent, total: number): number {
  if (typeof value === "number") return value;
  return Math.ceil((Number.parseInt(value, 10) * total) / 100);
}
