"""Wilson intervals and the two-proportion test, against figures computed independently."""

import pytest

from feedback.statistics import Share, compare, wilson


@pytest.mark.parametrize(
    ("successes", "trials", "low", "high"),
    [
        # Reference values of the 95 % Wilson score interval (e.g. R's prop.test
        # without continuity correction, statsmodels' method="wilson").
        (2, 5, 0.117621, 0.769276),
        (5, 5, 0.565518, 1.0),
        (0, 1, 0.0, 0.793451),
        (6, 12, 0.253782, 0.746218),
        # 0 of n: the upper end is z² / (n + z²) exactly.
        (0, 10, 0.0, 0.277532),
    ],
)
def test_wilson_interval_matches_reference_values(successes, trials, low, high):
    """The interval's ends agree with published Wilson figures to four decimals."""
    assert wilson(successes, trials) == (
        pytest.approx(low, abs=1e-4),
        pytest.approx(high, abs=1e-4),
    )


def test_wilson_interval_of_no_answers_is_unknown():
    """No answers: no interval, and no percentage."""
    assert wilson(0, 0) == (None, None)
    assert Share(0, 0).percent is None and Share(0, 0).interval == (None, None)


def test_large_change_is_larger_than_chance():
    """80 of 100 against 60 of 100: z = 3.09, p = 0.002, a real rise."""
    test = compare(Share(60, 100), Share(80, 100))
    assert test.z == pytest.approx(3.0861, abs=1e-3)
    assert test.p_value == pytest.approx(0.00203, abs=1e-4)
    assert (test.change, test.significant, test.direction) == (pytest.approx(20), True, "up")


def test_small_samples_are_within_chance():
    """3 of 5 against 2 of 5 is a 20-point fall that chance alone gives easily (p = 0.53)."""
    test = compare(Share(3, 5), Share(2, 5))
    assert test.p_value == pytest.approx(0.5271, abs=1e-3)
    assert (test.significant, test.direction) == (False, "chance")


def test_comparison_without_answers_gives_no_verdict():
    """An empty period, or all answers the same in both: no z, no p, not significant."""
    assert compare(Share(0, 0), Share(3, 4)).p_value is None
    assert compare(Share(5, 5), Share(9, 9)).p_value is None
    assert compare(Share(5, 5), Share(9, 9)).change == 0
