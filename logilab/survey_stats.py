"""Survey statistics with their uncertainty: Cronbach's alpha with a confidence interval, Net Promoter Score.

A reliability coefficient or an NPS from 80 answers is an estimate; a report
should say how far it may be from the value of all customers. Both functions
here return the point estimate with a confidence interval and the counts it
came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._results import Result
from ._validation import LogilabInputError, check_choice, check_number, format_rows
from .satisfaction import _alpha, _item_matrix

__all__ = ["AlphaInterval", "NPSResult", "NPSComparison", "cronbach_alpha_ci", "nps", "nps_compare"]

NPS_GROUPS = ("promoter", "passive", "detractor")


def _check_ci(ci: Any) -> float:
    return check_number(ci, "ci", low=0, high=1, low_inclusive=False, high_inclusive=False)


# --- Cronbach's alpha with Feldt's interval -------------------------------------------


@dataclass(frozen=True, repr=False)
class AlphaInterval(Result):
    """Cronbach's alpha with its Feldt confidence interval.

    Attributes
    ----------
    table : DataFrame
        One row per item: ``variance`` (ddof = 1) and ``alpha_if_deleted``.
    alpha, lower, upper : float
    ci : float
        The confidence level, e.g. 0.95.
    respondents, items : int
    f_lower, f_upper : float
        The F quantiles used: ``F(1 - (1 - ci)/2)`` and ``F((1 - ci)/2)`` with
        ``n - 1`` and ``(n - 1)(k - 1)`` degrees of freedom.
    """

    table: pd.DataFrame
    alpha: float
    lower: float
    upper: float
    ci: float
    respondents: int
    items: int
    f_lower: float
    f_upper: float

    def summary(self) -> dict[str, Any]:
        return {
            "alpha": self.alpha,
            "lower": self.lower,
            "upper": self.upper,
            "ci": self.ci,
            "respondents": self.respondents,
            "items": self.items,
        }


def cronbach_alpha_ci(items: pd.DataFrame | np.ndarray, *, ci: float = 0.95, missing: str = "raise") -> AlphaInterval:
    """Cronbach's alpha with the Feldt (1965) confidence interval.

    Under the usual assumptions ``(1 - alpha_pop) / (1 - alpha)`` follows an F
    distribution with ``n - 1`` and ``(n - 1)(k - 1)`` degrees of freedom (n
    respondents, k items), so the interval is::

        lower = 1 - (1 - alpha) * F_{1 - (1 - ci)/2}
        upper = 1 - (1 - alpha) * F_{(1 - ci)/2}

    as in pingouin's ``cronbach_alpha`` and R ``psych::alpha.ci``. Alpha
    itself is :func:`logilab.cronbach_alpha`.

    Parameters
    ----------
    items : DataFrame or 2-D array
        One row per respondent, one column per item.
    ci : float, default 0.95
        Confidence level.
    missing : {"raise", "listwise"}
        As in :func:`logilab.cronbach_alpha`.

    Returns
    -------
    AlphaInterval

    References
    ----------
    Feldt, L. S. (1965). The approximate sampling distribution of
    Kuder-Richardson reliability coefficient twenty. *Psychometrika*, 30(3),
    357-370.
    Feldt, L. S., Woodruff, D. J., & Salih, F. A. (1987). Statistical inference
    for coefficient alpha. *Applied Psychological Measurement*, 11(1), 93-103.

    Examples
    --------
    >>> answers = pd.DataFrame({"q1": [1, 2, 3, 4, 5], "q2": [2, 2, 3, 5, 5], "q3": [1, 3, 3, 4, 4]})
    >>> result = cronbach_alpha_ci(answers)
    >>> round(result.alpha, 4), round(result.lower, 3), round(result.upper, 3)
    (0.9538, 0.766, 0.995)
    """
    level = _check_ci(ci)
    matrix, _ = _item_matrix(items, "items", missing)
    n, k = matrix.shape
    if n < 3:
        raise LogilabInputError(
            f"items: expected at least 3 respondents for an interval, found {n}. Collect more answers before reading the reliability."
        )
    alpha = _alpha(matrix)
    df1, df2 = n - 1, (n - 1) * (k - 1)
    from scipy import stats  # loaded on first use: keeps `import logilab` fast

    f_lower = float(stats.f.isf((1 - level) / 2, df1, df2))
    f_upper = float(stats.f.isf((1 + level) / 2, df1, df2))
    table = pd.DataFrame(
        {
            "variance": matrix.var(ddof=1),
            "alpha_if_deleted": [_alpha(matrix.drop(columns=c)) if k > 2 else float("nan") for c in matrix.columns],
        }
    ).rename_axis("item")
    return AlphaInterval(
        table=table,
        alpha=alpha,
        lower=1 - (1 - alpha) * f_lower,
        upper=1 - (1 - alpha) * f_upper,
        ci=level,
        respondents=n,
        items=k,
        f_lower=f_lower,
        f_upper=f_upper,
    )


# --- Net Promoter Score -----------------------------------------------------------------


def _nps_scores(scores: Any, name: str, missing: str) -> pd.Series:
    check_choice(missing, "missing", ["raise", "drop"])
    if isinstance(scores, pd.DataFrame):
        raise LogilabInputError(
            f"{name}: expected one column of 0-10 answers, found a DataFrame with {scores.shape[1]} columns. Pass one column, e.g. survey['推荐意愿']."
        )
    series = pd.Series(scores) if not isinstance(scores, pd.Series) else scores
    values = pd.to_numeric(series, errors="coerce")
    text = values.isna() & series.notna()
    if text.any():
        raise LogilabInputError(
            f"{name}: expected numbers 0-10, found text in {format_rows(series.index[text])} such as {series[text].iloc[0]!r}. Correct or remove those answers."
        )
    if values.isna().any():
        if missing == "raise":
            raise LogilabInputError(
                f"{name}: expected an answer from every respondent, found missing answers in {format_rows(series.index[values.isna()])}. "
                "Pass missing='drop' to leave them out."
            )
        values = values.dropna()
    bad = (values < 0) | (values > 10) | (values != np.round(values))
    if bad.any():
        raise LogilabInputError(
            f"{name}: expected whole numbers from 0 to 10 (the 'how likely are you to recommend' scale), found "
            f"{values[bad].iloc[0]!r} in {format_rows(values.index[bad])}. Rescale other scales before computing an NPS."
        )
    if len(values) == 0:
        raise LogilabInputError(f"{name}: expected at least one answer, found none. Check the column.")
    return values


def _nps_parts(values: pd.Series) -> tuple[pd.DataFrame, float, float]:
    n = len(values)
    counts = np.array([(values >= 9).sum(), ((values >= 7) & (values <= 8)).sum(), (values <= 6).sum()])
    shares = counts / n
    table = pd.DataFrame({"count": counts.astype("int64"), "share": shares}, index=pd.Index(NPS_GROUPS, name="group"))
    difference = shares[0] - shares[2]
    # Var(p_P - p_D) for multinomial proportions: [p_P (1 - p_P) + p_D (1 - p_D) + 2 p_P p_D] / n
    variance = (shares[0] + shares[2] - difference**2) / n
    return table, 100 * difference, 100 * float(np.sqrt(variance))


@dataclass(frozen=True, repr=False)
class NPSResult(Result):
    """Net Promoter Score with its confidence interval.

    Attributes
    ----------
    table : DataFrame
        ``count`` and ``share`` of promoters (9-10), passives (7-8) and
        detractors (0-6).
    nps : float
        100 x (share of promoters - share of detractors), from -100 to 100.
    se, lower, upper : float
        Standard error and the normal-approximation interval (in NPS points).
    respondents : int
    ci : float
    """

    table: pd.DataFrame
    nps: float
    se: float
    lower: float
    upper: float
    respondents: int
    ci: float

    def summary(self) -> dict[str, Any]:
        return {"nps": self.nps, "se": self.se, "lower": self.lower, "upper": self.upper, "respondents": self.respondents, "ci": self.ci}


def nps(scores: Any, *, ci: float = 0.95, missing: str = "raise") -> NPSResult:
    """Net Promoter Score (净推荐值) from 0-10 answers, with a confidence interval.

    ``NPS = 100 (p_P - p_D)`` with p_P the share of promoters (9 or 10) and p_D
    of detractors (0 to 6). The three groups are one multinomial sample, so

        Var(p_P - p_D) = [p_P + p_D - (p_P - p_D)^2] / n

    and the interval is ``NPS +- z * 100 * sqrt(Var)`` (normal
    approximation; read it with care below about 100 answers or when nearly
    everyone is in one group).

    Parameters
    ----------
    scores : Series, list or array
        Answers 0-10 to "how likely are you to recommend us".
    ci : float, default 0.95
    missing : {"raise", "drop"}
        What to do with empty answers.

    Returns
    -------
    NPSResult

    References
    ----------
    Reichheld, F. F. (2003). The one number you need to grow. *Harvard Business
    Review*, 81(12), 46-54.

    Examples
    --------
    >>> answers = [10, 9, 9, 8, 7, 6, 3, 10, 9, 5]
    >>> result = nps(answers)
    >>> result.table
               count  share
    group
    promoter       5    0.5
    passive        2    0.2
    detractor      3    0.3
    >>> round(result.nps, 1), round(result.se, 2)
    (20.0, 27.57)
    """
    level = _check_ci(ci)
    values = _nps_scores(scores, "scores", missing)
    table, score, se = _nps_parts(values)
    from scipy import stats

    z = float(stats.norm.ppf(0.5 + level / 2))
    return NPSResult(
        table=table,
        nps=float(score),
        se=se,
        lower=float(max(score - z * se, -100.0)),
        upper=float(min(score + z * se, 100.0)),
        respondents=len(values),
        ci=level,
    )


@dataclass(frozen=True, repr=False)
class NPSComparison(Result):
    """The difference between the NPS of two independent groups.

    Attributes
    ----------
    table : DataFrame
        Per group: ``promoter``, ``passive``, ``detractor`` counts,
        ``respondents``, ``nps`` and ``se``.
    difference : float
        NPS of the first group minus NPS of the second.
    se, lower, upper, z, p_value : float
        ``se = sqrt(se_a^2 + se_b^2)``; a two-sided z-test of no difference.
    ci : float
    """

    table: pd.DataFrame
    difference: float
    se: float
    lower: float
    upper: float
    z: float
    p_value: float
    ci: float

    def summary(self) -> dict[str, Any]:
        return {
            "difference": self.difference,
            "se": self.se,
            "lower": self.lower,
            "upper": self.upper,
            "z": self.z,
            "p_value": self.p_value,
            "ci": self.ci,
        }


def nps_compare(a: Any, b: Any, *, ci: float = 0.95, labels: tuple[str, str] = ("a", "b"), missing: str = "raise") -> NPSComparison:
    """Compare the NPS of two independent groups (e.g. two regions, before / after a change).

    The two samples are independent, so the variance of the difference is the
    sum of the two variances of :func:`nps`; ``z = difference / se`` and the
    p-value is two-sided.

    Parameters
    ----------
    a, b : Series, list or array
        0-10 answers of each group.
    ci : float, default 0.95
    labels : (str, str)
        Names of the two groups in the table.
    missing : {"raise", "drop"}

    Returns
    -------
    NPSComparison

    Examples
    --------
    >>> north = [10] * 50 + [8] * 30 + [4] * 20
    >>> south = [10] * 30 + [8] * 40 + [4] * 30
    >>> result = nps_compare(north, south, labels=("north", "south"))
    >>> result.table["nps"].tolist(), round(result.difference, 1), round(result.p_value, 4)
    ([30.0, 0.0], 30.0, 0.0064)
    """
    level = _check_ci(ci)
    if len(labels) != 2 or labels[0] == labels[1]:
        raise LogilabInputError(f"labels: expected two different names, found {labels!r}. Pass e.g. labels=('north', 'south').")
    rows = {}
    for label, scores, name in ((labels[0], a, "a"), (labels[1], b, "b")):
        values = _nps_scores(scores, name, missing)
        table, score, se = _nps_parts(values)
        rows[label] = {**table["count"].to_dict(), "respondents": len(values), "nps": float(score), "se": se}
    table = pd.DataFrame.from_dict(rows, orient="index").rename_axis("group")
    difference = float(table["nps"].iloc[0] - table["nps"].iloc[1])
    se = float(np.hypot(table["se"].iloc[0], table["se"].iloc[1]))
    from scipy import stats

    z_crit = float(stats.norm.ppf(0.5 + level / 2))
    z = difference / se if se > 0 else float("nan")
    p_value = float(2 * stats.norm.sf(abs(z))) if se > 0 else float("nan")
    return NPSComparison(
        table=table,
        difference=difference,
        se=se,
        lower=difference - z_crit * se,
        upper=difference + z_crit * se,
        z=z,
        p_value=p_value,
        ci=level,
    )
