"""Confidence intervals for experiment reports: Wilson for proportions, Student t for means."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

Z_95 = 1.959963984540054
# Two-sided 95% Student t critical values, df 1..30; beyond 30 a series in 1/df is exact enough.
_T_975 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
          2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
          2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042)


@dataclass(frozen=True)
class Estimate:
    value: float | None
    low: float | None
    high: float | None
    n: int


def wilson_interval(successes: int, n: int, z: float = Z_95) -> Estimate:
    """Share of successes with the Wilson score interval (sane at 0, 1 and small n)."""
    if n <= 0:
        return Estimate(None, None, None, 0)
    if not 0 <= successes <= n:
        raise ValueError("successes must be between 0 and n")
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return Estimate(p, max(0.0, centre - half), min(1.0, centre + half), n)


def t_critical_975(df: int) -> float:
    """The 97.5% quantile of Student's t with `df` degrees of freedom."""
    if df < 1:
        raise ValueError("df must be at least 1")
    if df <= len(_T_975):
        return _T_975[df - 1]
    z = Z_95
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    return z + g1 / df + g2 / df**2


def mean_interval(values: Sequence[float]) -> Estimate:
    """Mean with a t interval; one value gives the mean and no interval."""
    n = len(values)
    if n == 0:
        return Estimate(None, None, None, 0)
    mean = sum(values) / n
    if n == 1:
        return Estimate(mean, None, None, 1)
    variance = sum((v - mean) ** 2 for v in values) / (n - 1)
    half = t_critical_975(n - 1) * math.sqrt(variance / n)
    return Estimate(mean, mean - half, mean + half, n)
