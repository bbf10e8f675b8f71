"""`make bench`: logilab side by side with hand-written floors, at analyst scale (times, ratios, peak memory).

Every comparison runs in one child process: logilab and its floors take turns
(A, B, C, then B, C, A, ...), so a busy machine slows them alike, and each time
is the median of the rounds. The peak memory of a step is the process's resident
high-water mark (VmHWM on Linux, reset before the step through
/proc/self/clear_refs); the command-line rows run each command in its own
process and report that process's peak. Nothing is asserted about time; the
results of logilab and the floors are checked equal.

The order lines are synthesised with a seeded generator (the same as the
pytest benchmarks used before): 10 lines per customer on average, a few
heavy customers and many light ones, about 2.5 lines per order, two years of
dates. They are written once under build/bench/ (never committed).

    python benchmarks/run.py                 # every comparison, 1M and 10M lines
    python benchmarks/run.py --quick         # 1M lines only (rfm, k-means, CLI on 1M)
    python benchmarks/run.py --only rfm cli  # some comparisons (rfm, kmeans, read, cli, kpis)
    python benchmarks/run.py --only cli --lines 5000000  # one size only (the 5M-line command-line row)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "build" / "bench"
SEED = 20240901
ROUNDS = 3
AS_OF = "2026-01-01"


# --- data ---------------------------------------------------------------------------


def make_lines(n_lines: int, seed: int = SEED) -> pd.DataFrame:
    """``n_lines`` order lines of ``n_lines // 10`` customers (seeded; the same call gives the same frame)."""
    n_customers = n_lines // 10
    rng = np.random.default_rng(seed)
    activity = rng.lognormal(0.0, 1.2, n_customers)
    # every customer orders at least once; the other lines go to customers in proportion to their activity
    customer = np.concatenate([np.arange(n_customers), rng.choice(n_customers, size=n_lines - n_customers, p=activity / activity.sum())])
    customer = rng.permutation(customer)
    order = np.cumsum(rng.random(n_lines) < 0.4)  # about 2.5 lines per order
    days = rng.integers(0, 731, n_lines)
    return pd.DataFrame(
        {
            "customer_id": np.char.add("C", np.char.zfill(customer.astype(str), 7)),
            "order_id": np.char.add("SO", np.char.zfill(order.astype(str), 8)),
            "order_date": pd.Timestamp("2024-01-01") + pd.to_timedelta(days, unit="D"),
            "revenue": np.round(rng.lognormal(6.0, 1.0, n_lines), 2),
        }
    )


def make_service_lines(n_lines: int, seed: int = SEED) -> pd.DataFrame:
    """``n_lines`` order lines with quantities, dates and flags, as ``ll.load_sample("order_lines")`` has them (seeded).

    About 2.5 lines per order, five warehouses, 95% of lines shipped in full, promised 2-4 days and
    delivered 1-6 days after the order date (each line on its own day: split deliveries), 1% damaged lines.
    """
    rng = np.random.default_rng(seed)
    order = np.cumsum(rng.random(n_lines) < 0.4)
    n_orders = int(order[-1]) + 1
    warehouse = np.array(["WH-BJ", "WH-CD", "WH-GZ", "WH-SH", "WH-WH"])[rng.integers(0, 5, n_orders)][order]
    placed = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 731, n_orders), unit="D")
    ordered = rng.integers(1, 51, n_lines)
    shipped = np.where(rng.random(n_lines) < 0.95, ordered, np.floor(ordered * rng.random(n_lines))).astype("int64")
    damaged = np.where(rng.random(n_lines) < 0.01, np.minimum(shipped, 1), 0)
    order_date = placed[order]
    return pd.DataFrame(
        {
            "order_id": np.char.add("SO", np.char.zfill(order.astype(str), 8)),
            "warehouse": warehouse,
            "ordered_qty": ordered,
            "shipped_qty": shipped,
            "damaged_qty": damaged,
            "order_date": order_date,
            "promised_date": order_date + pd.to_timedelta(rng.integers(2, 5, n_orders)[order], unit="D"),
            "delivered_date": order_date + pd.to_timedelta(rng.integers(1, 7, n_lines), unit="D"),
            "doc_error": (rng.random(n_lines) < 0.01).astype("int64"),
            "complaint": (rng.random(n_lines) < 0.02).astype("int64"),
            "claim": (rng.random(n_lines) < 0.005).astype("int64"),
        }
    )


def make_features(n_customers: int, seed: int = SEED) -> pd.DataFrame:
    """Recency, frequency and monetary of ``n_customers`` customers, skewed as RFM tables are (seeded)."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "recency": rng.integers(1, 732, n_customers),
            "frequency": 1 + rng.poisson(rng.lognormal(0.5, 1.0, n_customers)),
            "monetary": np.round(rng.lognormal(7, 1.3, n_customers), 2),
        }
    )


def _label(n: int) -> str:
    return f"{n // 1_000_000}M"


def data_file(n_lines: int, kind: str) -> Path:
    """The synthetic lines as ``pickle`` (the frame as generated), ``parquet`` or ``csv`` (UTF-8), written once."""
    FOLDER.mkdir(parents=True, exist_ok=True)
    path = FOLDER / f"lines-{_label(n_lines)}-{SEED}.{'pkl' if kind == 'pickle' else kind}"
    if path.exists():
        return path
    lines = make_lines(n_lines)
    partial = path.with_name(path.name + ".partial")
    if kind == "pickle":
        lines.to_pickle(partial)
    elif kind == "csv":
        lines.to_csv(partial, index=False, date_format="%Y-%m-%d")
    else:
        import duckdb

        con = duckdb.connect()
        con.register("lines", lines)
        con.execute(f"COPY lines TO '{partial}' (FORMAT parquet)")
        con.close()
    partial.replace(path)
    return path


# --- measuring ---------------------------------------------------------------------------


def _rss_kib(field: str) -> int:
    try:
        for row in Path("/proc/self/status").read_text().splitlines():
            if row.startswith(field + ":"):
                return int(row.split()[1])
    except OSError:  # pragma: no cover - not Linux
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current resident size (Linux)
        return True
    except OSError:  # pragma: no cover - not Linux
        return False


def measure(steps: dict[str, Callable[[], Any]], rounds: int = ROUNDS) -> tuple[dict[str, dict[str, float]], dict[str, Any]]:
    """Run the steps in turn ``rounds`` times; per step the median seconds and the peak memory in MiB (above the start)."""
    times: dict[str, list[float]] = {name: [] for name in steps}
    peaks: dict[str, list[float]] = {name: [] for name in steps}
    results: dict[str, Any] = {}
    names = list(steps)
    for turn in range(rounds):
        # each round starts with another step: none always follows the multi-threaded engines' wind-down
        for name in names[turn % len(names) :] + names[: turn % len(names)]:
            step = steps[name]
            resettable = _reset_peak()
            before = _rss_kib("VmRSS")
            start = time.perf_counter()
            results[name] = step()
            times[name].append(time.perf_counter() - start)
            peak = _rss_kib("VmHWM") if resettable else _rss_kib("VmRSS")
            peaks[name].append(max(peak - before, 0) / 1024)
    summary = {name: {"seconds": statistics.median(times[name]), "peak_mib": max(peaks[name])} for name in steps}
    return summary, results


def _table(result: Any) -> pd.DataFrame:
    return getattr(result, "table", result)  # rfm_table returns a frame (or a result object holding it)


def _same(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    a = a.sort_index()[["recency", "frequency", "monetary"]].astype(float)
    b = b.sort_index()[["recency", "frequency", "monetary"]].astype(float)
    return list(map(str, a.index)) == list(map(str, b.index)) and np.allclose(a.to_numpy(), b.to_numpy(), rtol=1e-9, atol=1e-6)


# --- the comparisons (each runs in its own child process) ------------------------------------

RFM_SQL = """
SELECT customer_id,
       (DATE '{as_of}' - max(order_date)::DATE) AS recency,
       count(DISTINCT order_id) AS frequency,
       sum(revenue) AS monetary
FROM {source}
GROUP BY customer_id
ORDER BY customer_id
"""


def compare_rfm(n_lines: int) -> dict[str, Any]:
    import duckdb

    import logilab as ll

    lines = pd.read_pickle(data_file(n_lines, "pickle"))
    parquet = data_file(n_lines, "parquet")
    as_of = pd.Timestamp(AS_OF)
    con = duckdb.connect()
    con.register("lines", lines)

    def logilab_pandas() -> pd.DataFrame:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _table(ll.rfm_table(lines, order="order_id", as_of=AS_OF, today=AS_OF))

    def pandas_groupby() -> pd.DataFrame:
        grouped = lines.groupby("customer_id", sort=True).agg(
            last=("order_date", "max"), frequency=("order_id", "nunique"), monetary=("revenue", "sum")
        )
        recency = (as_of - grouped["last"]).dt.days
        return pd.DataFrame({"recency": recency, "frequency": grouped["frequency"], "monetary": grouped["monetary"]})

    def duckdb_frame() -> pd.DataFrame:
        return con.sql(RFM_SQL.format(as_of=AS_OF, source="lines")).df().set_index("customer_id")

    def duckdb_parquet() -> pd.DataFrame:
        return con.sql(RFM_SQL.format(as_of=AS_OF, source=f"read_parquet('{parquet}')")).df().set_index("customer_id")

    def logilab_duckdb_frame() -> pd.DataFrame:
        return _table(ll.rfm_table(lines, order="order_id", as_of=AS_OF, today=AS_OF, engine="duckdb"))

    def logilab_duckdb_parquet() -> pd.DataFrame:
        return _table(ll.rfm_table(con.read_parquet(str(parquet)), order="order_id", as_of=AS_OF, today=AS_OF))

    steps: dict[str, Callable[[], Any]] = {
        "logilab rfm_table (pandas)": logilab_pandas,
        "pandas groupby (hand)": pandas_groupby,
        "logilab rfm_table(engine='duckdb') on the frame": logilab_duckdb_frame,
        "DuckDB SQL on the frame": duckdb_frame,
        "logilab rfm_table on a DuckDB Parquet relation": logilab_duckdb_parquet,
        "DuckDB SQL on Parquet": duckdb_parquet,
    }
    try:
        import polars as pl

        frame = pl.read_parquet(parquet)

        def polars_frame() -> pd.DataFrame:
            out = (
                frame.group_by("customer_id")
                .agg(
                    (pl.lit(as_of.date()) - pl.col("order_date").max().cast(pl.Date)).dt.total_days().alias("recency"),
                    pl.col("order_id").n_unique().alias("frequency"),
                    pl.col("revenue").sum().alias("monetary"),
                )
                .sort("customer_id")
            )
            return pd.DataFrame({c: out[c].to_numpy() for c in ("recency", "frequency", "monetary")}, index=out["customer_id"].to_list())

        steps["logilab rfm_table on the Polars frame"] = lambda: _table(ll.rfm_table(frame, order="order_id", as_of=AS_OF, today=AS_OF))
        steps["Polars (hand)"] = polars_frame
    except ImportError:
        pass
    rounds = 5 if n_lines <= 1_000_000 else ROUNDS  # a second or less per step: more rounds steady the median
    summary, results = measure(steps, rounds=rounds)
    reference = results["logilab rfm_table (pandas)"]
    for name, result in results.items():
        summary[name]["identical"] = _same(reference, result)
    return {"rows": summary, "lines": n_lines, "customers": len(reference), "rounds": rounds}


KPI_SQL = """
WITH orders AS (
    SELECT warehouse, order_id, sum(ordered_qty) AS ordered, sum(shipped_qty) AS shipped,
           bool_and(shipped_qty >= ordered_qty) AS in_full, bool_and(delivered_date <= promised_date) AS on_time
    FROM lines GROUP BY warehouse, order_id
)
SELECT warehouse, sum(shipped) / sum(ordered) AS unit_fill_rate, avg(in_full::INT) AS order_fill_rate,
       avg((in_full AND on_time)::INT) AS otif
FROM orders GROUP BY warehouse ORDER BY warehouse
"""
KPI_COLUMNS = ["unit_fill_rate", "order_fill_rate", "otif"]


def compare_kpis(n_lines: int) -> dict[str, Any]:
    """Unit fill rate, order fill rate and OTIF per warehouse: ``ll.service_kpis`` on pandas and on DuckDB, and DuckDB SQL by hand."""
    import duckdb

    import logilab as ll

    FOLDER.mkdir(parents=True, exist_ok=True)
    path = FOLDER / f"service-lines-{_label(n_lines)}-{SEED}.pkl"
    if not path.exists():
        make_service_lines(n_lines).to_pickle(path)
    lines = pd.read_pickle(path)
    con = duckdb.connect()
    con.register("lines", lines)
    steps: dict[str, Callable[[], Any]] = {
        "logilab service_kpis (pandas)": lambda: ll.service_kpis(lines, by="warehouse", kpis=KPI_COLUMNS),
        "logilab service_kpis(engine='duckdb') on the frame": lambda: ll.service_kpis(
            lines, by="warehouse", kpis=KPI_COLUMNS, engine="duckdb"
        ),
        "DuckDB SQL on the frame (hand)": lambda: con.sql(KPI_SQL).df(),
        "logilab service_kpis (pandas), every KPI": lambda: ll.service_kpis(lines, by="warehouse"),
        "logilab service_kpis(engine='duckdb'), every KPI": lambda: ll.service_kpis(lines, by="warehouse", engine="duckdb"),
    }
    summary, results = measure(steps, rounds=5 if n_lines <= 1_000_000 else ROUNDS)
    reference = results["logilab service_kpis (pandas)"].set_index("warehouse")[KPI_COLUMNS]
    for name, result in results.items():
        got = result.set_index("warehouse")[KPI_COLUMNS]
        summary[name]["identical"] = list(got.index) == list(reference.index) and bool(np.allclose(got, reference, rtol=1e-9))
    return {"rows": summary, "lines": n_lines, "orders": int(lines["order_id"].nunique()), "rounds": 5 if n_lines <= 1_000_000 else ROUNDS}


def compare_kmeans(n_customers: int) -> dict[str, Any]:
    import logilab as ll

    features = make_features(n_customers)
    steps = {
        "kmeans_segments, k chosen among 2..8": lambda: ll.kmeans_segments(features),
        "kmeans_segments, k = 5 given": lambda: ll.kmeans_segments(features, k=5),
    }
    summary, results = measure(steps, rounds=1)
    chosen = results["kmeans_segments, k chosen among 2..8"]
    for name, result in results.items():
        summary[name].update(
            k=result.k, silhouette_sample=result.silhouette_sample, selection_sample=result.selection_sample, algorithm=result.algorithm
        )
    summary["kmeans_segments, k chosen among 2..8"]["silhouette"] = float(chosen.selection["silhouette"].max())
    return {"rows": summary, "customers": n_customers, "rounds": 1}


def compare_read(n_lines: int) -> dict[str, Any]:
    import logilab as ll

    path = data_file(n_lines, "csv")
    steps = {
        "logilab read_table": lambda: ll.read_table(path),
        "pandas read_csv (dtype=str)": lambda: pd.read_csv(path, dtype=str, keep_default_na=False),
    }
    summary, results = measure(steps, rounds=1)
    return {"rows": summary, "lines": n_lines, "bytes": path.stat().st_size, "rounds": 1}


# one command per process, so that its peak resident memory is its own: VmHWM at exit, the high-water mark of this
# program's memory alone (ru_maxrss would also count the forking parent's resident size, which Linux carries
# across exec: with the 5M-line data generated in the parent, every command showed the parent's 1.3 GiB)
CLI_CHILD = """
import resource, sys
from pathlib import Path
kind, source, out, sql = sys.argv[1:5]
if kind.startswith("logilab"):
    from logilab.cli import main
    engine = ["--engine", "duckdb" if kind == "logilab-duckdb" else "pandas"]
    code = main(["segment", source, "--csv", out, "--out", out + ".html", "--no-kmeans", "--force", "--quiet", *engine])
else:
    import duckdb
    reader = "read_parquet" if source.endswith(".parquet") else "read_csv"
    duckdb.sql("COPY (" + sql.replace("{source}", reader + "('" + source + "')") + ") TO '" + out + "' (HEADER)")
    code = 0
status = dict(row.split(":", 1) for row in Path("/proc/self/status").read_text().splitlines() if ":" in row) if Path("/proc/self/status").exists() else {}
peak = int(status["VmHWM"].split()[0]) if "VmHWM" in status else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(peak, code)
"""


def compare_cli(n_lines: int) -> dict[str, Any]:
    """``logilab segment FILE --no-kmeans`` and a DuckDB one-liner on the same CSV, each command in its own process.

    Above 1M lines one round only: the command takes minutes on a shared 2-core machine.
    """
    csv, parquet = data_file(n_lines, "csv"), data_file(n_lines, "parquet")
    rounds = ROUNDS if n_lines <= 1_000_000 else 1
    sql = " ".join(RFM_SQL.format(as_of=AS_OF, source="{source}").split())
    # name: (kind, input file)
    commands = {
        "logilab segment FILE.csv --engine duckdb --no-kmeans": ("logilab-duckdb", csv),
        "DuckDB one-liner (CSV in, RFM CSV out)": ("duckdb", csv),
        "logilab segment FILE.csv --engine pandas --no-kmeans": ("logilab", csv),
        "logilab segment FILE.parquet --engine duckdb --no-kmeans": ("logilab-duckdb", parquet),
        "DuckDB one-liner (Parquet in, RFM CSV out)": ("duckdb", parquet),
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, (kind, source) in commands.items():
            out = FOLDER / f"cli-{kind}-{source.suffix[1:]}-{_label(n_lines)}.csv"
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", CLI_CHILD, kind, str(source), str(out), sql], capture_output=True, text=True)
            times[name].append(time.perf_counter() - start)
            maxrss, code = (done.stdout.split() or ["0", "1"])[-2:]
            if code != "0":
                raise RuntimeError(f"{name} failed: {done.stderr}")
            peaks[name].append(int(maxrss) / 1024)
    rows = {name: {"seconds": statistics.median(times[name]), "peak_mib": max(peaks[name]), "absolute_peak": True} for name in times}
    return {"rows": rows, "lines": n_lines, "bytes": csv.stat().st_size, "rounds": rounds}


COMPARISONS: dict[str, Callable[[int], dict[str, Any]]] = {
    "rfm": compare_rfm,
    "kmeans": compare_kmeans,
    "read": compare_read,
    "cli": compare_cli,
    "kpis": compare_kpis,
}


def plan(quick: bool, only: list[str] | None, lines: list[int] | None = None) -> list[tuple[str, int]]:
    """The (comparison, size) pairs to run: all, the 1M-line ones (``quick``), some comparisons (``only``), some sizes (``lines``).

    >>> plan(False, ["cli"], [5_000_000])
    [('cli', 5000000)]
    >>> plan(True, ["rfm", "cli", "kpis"])
    [('rfm', 1000000), ('cli', 1000000), ('kpis', 1000000)]
    """
    runs = [
        ("rfm", 1_000_000),
        ("rfm", 10_000_000),
        ("kmeans", 1_000_000),
        ("read", 5_000_000),
        ("cli", 1_000_000),
        ("cli", 5_000_000),
        ("kpis", 1_000_000),
        ("kpis", 10_000_000),
    ]
    if quick:
        runs = [(name, n) for name, n in runs if n <= 1_000_000]
    return [(name, n) for name, n in runs if (only is None or name in only) and (lines is None or n in lines)]


# --- report ---------------------------------------------------------------------------


def _title(name: str, n: int, output: dict[str, Any]) -> str:
    if name == "rfm":
        return f"RFM table, {n:,} lines in memory ({output['customers']:,} customers)"
    if name == "kmeans":
        return f"k-means, {n:,} customers"
    if name == "kpis":
        return f"service KPIs per warehouse (unit and order fill rate, OTIF), {n:,} lines ({output['orders']:,} orders)"
    if name == "read":
        return f"read a {n:,}-line CSV ({output['bytes'] / 1024**2:,.0f} MiB)"
    return f"CLI end to end, {n:,}-line CSV ({output['bytes'] / 1024**2:,.0f} MiB)"


def render(outputs: list[tuple[str, int, dict[str, Any]]]) -> str:
    rows = ["| work | step | time (median) | first row ÷ this row | peak memory | identical |", "|---|---|---|---|---|---|"]
    for name, n, output in outputs:
        steps = output["rows"]
        first = next(iter(steps.values()))
        for i, (step, numbers) in enumerate(steps.items()):
            ratio = first["seconds"] / numbers["seconds"] if numbers["seconds"] else float("nan")
            memory = f"{numbers['peak_mib']:,.0f} MiB" + (" (process)" if numbers.get("absolute_peak") else " (step)")
            extra = ""
            if "silhouette_sample" in numbers:
                extra = f" (k = {numbers['k']}, {numbers['algorithm']} fitted on {numbers['selection_sample']:,}, silhouette on {numbers['silhouette_sample']:,})"
            same = {True: "yes", False: "NO"}.get(numbers.get("identical"), "")
            rounds = output.get("rounds", ROUNDS)
            rows.append(
                f"| {_title(name, n, output) if i == 0 else ''} | {step}{extra} | {numbers['seconds']:,.2f} s{'' if rounds == ROUNDS else ' (1 run)' if rounds == 1 else f' ({rounds} runs)'} | "
                f"{'—' if i == 0 else f'{ratio:.2f}x'} | {memory} | {same} |"
            )
    return "\n".join(rows)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        names = [r.split(":", 1)[1].strip() for r in Path("/proc/cpuinfo").read_text().splitlines() if r.startswith("model name")]
        cpu = names[0] if names else cpu
    except OSError:  # pragma: no cover - not Linux
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3 if hasattr(os, "sysconf") else float("nan")
    import duckdb
    import sklearn

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB; Python {platform.python_version()}, pandas {pd.__version__}, "
        f"numpy {np.__version__}, DuckDB {duckdb.__version__}, scikit-learn {sklearn.__version__}; load average {load:.1f} at the end"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1M lines only")
    parser.add_argument("--only", nargs="+", choices=sorted(COMPARISONS), help="run only these comparisons")
    parser.add_argument("--lines", nargs="+", type=int, metavar="N", help="run only the comparisons at these sizes (e.g. 5000000)")
    parser.add_argument("--child", nargs=2, metavar=("NAME", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        name, n = args.child[0], int(args.child[1])
        print(json.dumps(COMPARISONS[name](n)))
        return 0
    outputs = []
    runs = plan(args.quick, args.only, args.lines)
    if not runs:
        parser.error(f"--lines: no comparison at {args.lines} lines; the sizes are {sorted({n for _, n in plan(False, None)})}")
    for name, n in runs:
        started = time.perf_counter()
        print(f"… {name} {n:,}", file=sys.stderr, flush=True)
        # one child process per comparison: its memory and warm caches do not leak into the next one
        done = subprocess.run([sys.executable, __file__, "--child", name, str(n)], capture_output=True, text=True)
        if done.returncode:
            print(done.stderr, file=sys.stderr)
            return done.returncode
        outputs.append((name, n, json.loads(done.stdout.strip().splitlines()[-1])))
        print(f"  {time.perf_counter() - started:,.0f} s", file=sys.stderr, flush=True)
    print(render(outputs))
    print(f"\nMachine: {machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
