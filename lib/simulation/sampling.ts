/**
 * Sampling helpers for the reference simulations. Every draw comes from a seeded generator
 * (lib/random's mulberry32), so a scenario's expected value is the same on every machine and run.
 */
export type Rng = () => number;

/** Uniform in (0, 1]: safe under a logarithm. */
const open = (rng: Rng) => 1 - rng();

export function exponential(rng: Rng, mean: number): number {
  return -mean * Math.log(open(rng));
}

/** Standard normal by Box-Muller (one of the pair; the other is dropped to keep draws independent of call order). */
export function standardNormal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(open(rng))) * Math.cos(2 * Math.PI * rng());
}

/** Lognormal parametrised the way an engineer states it: its mean and coefficient of variation (sd / mean). */
export function lognormal(rng: Rng, mean: number, cv: number): number {
  const s2 = Math.log(1 + cv * cv);
  return Math.exp(Math.log(mean) - s2 / 2 + Math.sqrt(s2) * standardNormal(rng));
}

/** The maximum of n independent exponentials, drawn directly by inverting its CDF (1 - e^(-x/mean))^n. */
export function maxOfExponentials(rng: Rng, n: number, mean: number): number {
  if (n <= 0) return 0;
  return -mean * Math.log(1 - Math.pow(rng(), 1 / n));
}

/** Binomial(n, p) for small p: counts geometric gaps between successes (about n p + 1 draws). */
export function binomialSmallP(rng: Rng, n: number, p: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return n;
  const logq = Math.log(1 - p);
  let k = 0;
  let at = -1;
  for (;;) {
    at += 1 + Math.floor(Math.log(open(rng)) / logq);
    if (at >= n) return k;
    k++;
  }
}

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return xs.length ? s / xs.length : NaN;
}

export function sampleSd(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 2) return 0;
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < n; i++) s += (xs[i] - m) ** 2;
  return Math.sqrt(s / (n - 1));
}

/** Quantile of sorted data with linear interpolation (numpy's default, "type 7"). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (!n) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function quantile(xs: Float64Array, p: number): number {
  return quantileSorted(Float64Array.from(xs).sort(), p);
}
