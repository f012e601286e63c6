"""
The statistics behind the satisfaction figures (docs/decisions.md, "Feedback
statistics"): a Wilson score interval for a share, and a two-proportion
z-test for the difference between two periods.

Plain functions of counts, so the report, the digest and the tests compute
the same figures from the same numbers.
"""

import math
from dataclasses import dataclass

# Two-sided 95 %: the normal quantile 1 - 0.05 / 2.
Z_95 = 1.959963984540054


@dataclass(frozen=True)
class Share:
    """`satisfied` of `count` answers, as a percentage with its 95 % Wilson interval."""

    satisfied: int
    count: int

    @property
    def percent(self):
        return 100 * self.satisfied / self.count if self.count else None

    @property
    def interval(self):
        """(low, high) in percent, or (None, None) without answers."""
        low, high = wilson(self.satisfied, self.count)
        if low is None:
            return None, None
        return 100 * low, 100 * high

    @property
    def low(self):
        return self.interval[0]

    @property
    def high(self):
        return self.interval[1]


def wilson(successes, trials, z=Z_95):
    """
    The Wilson score interval for the proportion `successes` / `trials`.

    Unlike the normal approximation it stays within [0, 1] and stays wide
    when there are few answers: 5 of 5 satisfied is 57 % to 100 %, not 100 %.
    """
    if trials <= 0:
        return None, None
    p = successes / trials
    z2 = z * z
    centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
    margin = z * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials)) / (1 + z2 / trials)
    return max(0.0, centre - margin), min(1.0, centre + margin)


@dataclass(frozen=True)
class Comparison:
    """The change from `before` to `now` (two Shares) and whether it is larger than chance."""

    before: Share
    now: Share
    z: float | None
    p_value: float | None

    @property
    def change(self):
        """Percentage points, or None when either period has no answers."""
        if self.before.percent is None or self.now.percent is None:
            return None
        return self.now.percent - self.before.percent

    @property
    def significant(self):
        return self.p_value is not None and self.p_value < 0.05

    @property
    def direction(self):
        """ "up", "down" or "same" for a significant change; "chance" for one that is not."""
        if not self.significant:
            return "chance"
        return "up" if self.change > 0 else "down" if self.change < 0 else "same"


def compare(before, now):
    """
    A two-proportion z-test (pooled) of `now` against `before`, two-sided.

    No verdict (z and p None) when a period has no answers or when every
    answer of both periods is the same (the pooled variance is zero).
    """
    if not before.count or not now.count:
        return Comparison(before, now, None, None)
    pooled = (before.satisfied + now.satisfied) / (before.count + now.count)
    variance = pooled * (1 - pooled) * (1 / before.count + 1 / now.count)
    if variance == 0:
        return Comparison(before, now, None, None)
    z = (now.satisfied / now.count - before.satisfied / before.count) / math.sqrt(variance)
    p_value = math.erfc(abs(z) / math.sqrt(2))
    return Comparison(before, now, z, p_value)
