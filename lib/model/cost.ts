import { est, trim, type Estimate } from "./explain";

/** Default rental price used by the sandbox when the user gives none (USD per GPU-hour, a 2024-25 cloud ballpark). */
export const defaultDollarsPerGpuHour: Record<string, number> = {
  "a100-sxm-40gb": 1.5,
  "a100-sxm-80gb": 1.8,
  "a100-pcie-80gb": 1.6,
  "h100-sxm": 2.5,
  "h100-pcie": 2.2,
  h200: 3.5,
  b200: 5.5,
  mi300x: 2.5,
  l4: 0.7,
  l40s: 1.0,
  "rtx-4090": 0.4,
};

/** $ per 1M tokens = 1e6 * $/GPU-hour * GPUs / (3600 * tokens/s). */
export function costPerMillionTokens(tokensPerSecond: number, gpus: number, dollarsPerGpuHour: number): Estimate {
  return est((1e6 * dollarsPerGpuHour * gpus) / (3600 * tokensPerSecond), "USD", "1e6 * $/GPU-hour * GPUs / (3600 * tokens/s)", `1e6 * ${dollarsPerGpuHour} * ${gpus} / (3600 * ${trim(tokensPerSecond)})`);
}

/** Energy per token = GPUs * TDP * power fraction / tokens/s (J). */
export function energyPerToken(tokensPerSecond: number, gpus: number, tdpWatts: number, powerFraction: number): Estimate {
  return est((gpus * tdpWatts * powerFraction) / tokensPerSecond, "J", "GPUs * TDP * power_fraction / tokens/s", `${gpus} * ${tdpWatts} W * ${powerFraction} / ${trim(tokensPerSecond)}`);
}
