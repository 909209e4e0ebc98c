/**
 * A small Nelder-Mead simplex minimiser (unconstrained; callers map bounded parameters through
 * a logistic). Standard coefficients: reflection 1, expansion 2, contraction 1/2, shrink 1/2.
 */
export interface MinimizeOptions {
  /** Initial step along each axis. */
  step?: number;
  maxEvaluations?: number;
  /** Stop when the simplex's function values differ by less than this (relative). */
  tolerance?: number;
}

export interface Minimum {
  x: number[];
  value: number;
  evaluations: number;
}

export function nelderMead(
  f: (x: number[]) => number,
  start: readonly number[],
  options: MinimizeOptions = {},
) {
  const { step = 1, maxEvaluations = 200 * start.length, tolerance = 1e-8 } = options;
  const dim = start.length;
  let evaluations = 0;
  const evaluate = (x: number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  let simplex: { x: number[]; v: number }[] = [{ x: [...start], v: evaluate([...start]) }];
  for (let i = 0; i < dim; i++) {
    const x = [...start];
    x[i]! += step;
    simplex.push({ x, v: evaluate(x) });
  }
  const combine = (a: number[], b: number[], t: number) => a.map((ai, i) => ai + t * (b[i]! - ai));

  while (evaluations < maxEvaluations) {
    simplex.sort((a, b) => a.v - b.v);
    const best = simplex[0]!;
    const worst = simplex[dim]!;
    const spread = Math.abs(worst.v - best.v);
    if (spread <= tolerance * (Math.abs(best.v) + 1e-12) || (best.v === 0 && worst.v === 0)) break;
    const centroid = new Array<number>(dim).fill(0);
    for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) centroid[j]! += simplex[i]!.x[j]! / dim;

    const reflected = combine(centroid, worst.x, -1);
    const vr = evaluate(reflected);
    if (vr < best.v) {
      const expanded = combine(centroid, worst.x, -2);
      const ve = evaluate(expanded);
      simplex[dim] = ve < vr ? { x: expanded, v: ve } : { x: reflected, v: vr };
    } else if (vr < simplex[dim - 1]!.v) {
      simplex[dim] = { x: reflected, v: vr };
    } else {
      const outside = vr < worst.v;
      const contracted = combine(centroid, outside ? reflected : worst.x, 0.5);
      const vc = evaluate(contracted);
      if (vc < (outside ? vr : worst.v)) {
        simplex[dim] = { x: contracted, v: vc };
      } else {
        simplex = simplex.map((p, i) => {
          if (i === 0) return p;
          const x = combine(best.x, p.x, 0.5);
          return { x, v: evaluate(x) };
        });
      }
    }
  }
  simplex.sort((a, b) => a.v - b.v);
  return { x: simplex[0]!.x, value: simplex[0]!.v, evaluations } satisfies Minimum;
}

/** Maps the real line onto (lo, hi). */
export function toInterval(x: number, lo: number, hi: number): number {
  return lo + (hi - lo) / (1 + Math.exp(-x));
}

/** The inverse of toInterval. */
export function fromInterval(p: number, lo: number, hi: number): number {
  const u = (p - lo) / (hi - lo);
  return Math.log(u / (1 - u));
}
