"""Chinese and English labels for every figure and widget.

The workbook speaks Chinese by default. ``set_language("en")`` (or the
environment variable ``LOGILAB_LANG=en``) switches every label; each figure
builder and widget factory also takes ``lang=`` for a single call.

Names follow the project glossary: one Chinese and one English name per
concept. Add a new term to ``LABELS`` (in the section of its topic) rather
than writing a label inside a figure or a notebook cell.
"""

from __future__ import annotations

import difflib
import os

from ._validation import LogilabInputError, check_choice

__all__ = ["LANGUAGES", "LABELS", "get_language", "set_language", "label", "bilingual"]

LANGUAGES = ("zh", "en")

# key: (中文, English)
LABELS: dict[str, tuple[str, str]] = {
    # --- common -----------------------------------------------------------------
    "count": ("数量", "count"),
    "share": ("占比", "share"),
    "value": ("数值", "value"),
    "month": ("月份", "month"),
    "week": ("周", "week"),
    "day": ("日", "day"),
    "quarter": ("季度", "quarter"),
    "period": ("时间段", "period"),
    "all": ("全部", "all"),
    "target": ("目标值", "target"),
    "actual": ("实际值", "actual"),
    "rate": ("比率", "rate"),
    "frequency": ("频率", "frequency"),
    "customer": ("客户", "customer"),
    "customers": ("客户数", "customers"),
    "orders": ("订单数", "orders"),
    "order_lines": ("订单行数", "order lines"),
    "warehouse": ("仓库", "warehouse"),
    "industry": ("行业", "industry"),
    "region": ("地区", "region"),
    "contract_type": ("合同类型", "contract type"),
    "revenue": ("收入", "revenue"),
    "cost": ("成本", "cost"),
    "profit": ("利润", "profit"),
    "yuan": ("元", "CNY"),
    "group_by": ("分组", "group by"),
    "period_length": ("时间粒度", "period"),
    # --- start here / sample data tour ---------------------------------------------
    "orders_per_period": ("各时间段订单数", "orders per period"),
    "customers_by_industry": ("各行业客户数", "customers by industry"),
    "sample_tour": ("样本数据一览", "sample data tour"),
    # --- service level (metrics, inventory) ------------------------------------------
    # --- customer value ---------------------------------------------------------------
    # --- satisfaction -------------------------------------------------------------------
    # --- segmentation -------------------------------------------------------------------
    # --- evaluation ---------------------------------------------------------------------
}

_env_language = os.environ.get("LOGILAB_LANG", "zh")
_language = _env_language if _env_language in LANGUAGES else "zh"


def get_language() -> str:
    """The current default language, ``"zh"`` unless changed.

    Examples
    --------
    >>> get_language() in LANGUAGES
    True
    """
    return _language


def set_language(lang: str) -> None:
    """Set the default language of all labels: ``"zh"`` (default) or ``"en"``.

    Examples
    --------
    >>> set_language("en"); label("warehouse")
    'warehouse'
    >>> set_language("zh"); label("warehouse")
    '仓库'
    """
    global _language
    _language = check_choice(lang, "lang", LANGUAGES)


def label(key: str, lang: str | None = None) -> str:
    """The label of ``key`` in ``lang`` (default: the current language).

    Examples
    --------
    >>> label("warehouse", "zh"), label("warehouse", "en")
    ('仓库', 'warehouse')
    >>> label("warehous", "en")
    Traceback (most recent call last):
    ...
    logilab._validation.LogilabInputError: key: expected a label key of logilab.i18n.LABELS, found 'warehous'. Did you mean 'warehouse'? New terms go into LABELS first.
    """
    lang = check_choice(lang or _language, "lang", LANGUAGES)
    try:
        pair = LABELS[key]
    except KeyError:
        close = difflib.get_close_matches(str(key), LABELS, n=1)
        hint = f"Did you mean {close[0]!r}? " if close else ""
        raise LogilabInputError(
            f"key: expected a label key of logilab.i18n.LABELS, found {key!r}. {hint}New terms go into LABELS first."
        ) from None
    return pair[LANGUAGES.index(lang)]


def bilingual(key: str) -> str:
    """Both names, Chinese first: ``"仓库 (warehouse)"``, for headings and tables.

    Examples
    --------
    >>> bilingual("warehouse")
    '仓库 (warehouse)'
    """
    zh, en = LABELS[key] if key in LABELS else (label(key, "zh"), label(key, "en"))
    return f"{zh} ({en})"
