/**
 * The statistics behind every timing figure: medians, spreads and distribution-free confidence intervals.
 * Kernel timings are not normal: a GPU gives a tight cluster plus a slow minority (clock changes, another
 * process), a loaded CPU long tails. So every figure is a median, and its confidence interval comes from
 * order statistics (the interval between the k-th smallest and k-th largest sample covers the true median
 * with a probability given by the binomial distribution), which assumes nothing about the shape.
 */

export function sorted(xs: readonly number[]): number[] {
  return [...xs].sort((a, b) => a - b);
}

/** Linear-interpolated quantile of sorted values (q in 0..1). */
export function quantileSorted(s: readonly number[], q: number): number {
  if (s.length === 0) return NaN;
  if (s.length === 1) return s[0];
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export function median(xs: readonly number[]): number {
  return quantileSorted(sorted(xs), 0.5);
}

function binomialCdf(k: number, n: number): number {
  // P(X <= k) for X ~ Binomial(n, 1/2).
  let c = 1;
  let sum = 0;
  for (let i = 0; i <= k; i++) {
    sum += c;
    c = (c * (n - i)) / (i + 1);
  }
  return sum / 2 ** n;
}

export type MedianCi = { lo: number; hi: number; level: number };

/**
 * Confidence interval for the median of n samples: [x(k), x(n-k+1)] with the largest k whose coverage is at
 * least `level` (default 0.95). With fewer than 6 samples no interval reaches 95%: the whole range is
 * returned with its actual coverage (1 - 2^(1-n)).
 */
export function medianCi(xs: readonly number[], level = 0.95): MedianCi {
  const s = sorted(xs);
  const n = s.length;
  if (n === 0) return { lo: NaN, hi: NaN, level: 0 };
  if (n === 1) return { lo: s[0], hi: s[0], level: 0 };
  let k = 1;
  for (let j = 1; j <= Math.floor(n / 2); j++) {
    const coverage = 1 - 2 * binomialCdf(j - 1, n);
    if (coverage >= level) k = j;
    else break;
  }
  return { lo: s[k - 1], hi: s[n - k], level: 1 - 2 * binomialCdf(k - 1, n) };
}

export type SampleStats = {
  medianMs: number;
  p10Ms: number;
  p90Ms: number;
  /** Coefficient of variation (sd / mean): the spread, in the units people quote. */
  cv: number;
  /** Confidence interval of the median (order statistics). */
  ciLowMs: number;
  ciHighMs: number;
  ciLevel: number;
};

export function sampleStats(ms: readonly number[]): SampleStats {
  const s = sorted(ms);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  const sd = Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, s.length - 1));
  const ci = medianCi(s);
  return {
    medianMs: quantileSorted(s, 0.5),
    p10Ms: quantileSorted(s, 0.1),
    p90Ms: quantileSorted(s, 0.9),
    cv: mean > 0 ? sd / mean : 0,
    ciLowMs: ci.lo,
    ciHighMs: ci.hi,
    ciLevel: ci.level,
  };
}

export type RatioStats = { median: number; lo: number; hi: number; level: number; rounds: number };

/**
 * The ratio of two kernels' times from interleaved rounds: round r timed A then B (or B then A) back to back,
 * so a slow patch of the machine slows both and cancels in a[r] / b[r]. The median of the per-round ratios
 * and its order-statistic interval; a round with a non-positive time is skipped.
 */
export function pairedRatio(a: readonly number[], b: readonly number[], level = 0.95): RatioStats {
  const r: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] > 0 && b[i] > 0) r.push(a[i] / b[i]);
  const ci = medianCi(r, level);
  return { median: median(r), lo: ci.lo, hi: ci.hi, level: ci.level, rounds: r.length };
}
