"""povsim from Python: runs, paired comparisons and sweeps as pandas DataFrames.

The engine runs in this process (the compiled module ``povsim._povsim``); the tables are the
texts povsim's own CSV writers produce, read with pandas, so every number equals the one the
command line writes to annual.csv, summary.csv, funds.csv, compare.csv or cost.csv. Bad input
(a scenario file, a ``set`` key or value) raises ValueError with the command line's message.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
from typing import Any, Mapping, Optional

import pandas as pd

from . import _povsim

__version__ = _povsim.__version__
git_commit = _povsim.git_commit

__all__ = ["run", "compare", "sweep", "Run", "Comparison"]


@dataclasses.dataclass
class Run:
    """One scenario's outputs: the tables of annual.csv, summary.csv and funds.csv."""

    name: str
    annual: pd.DataFrame
    summary: pd.DataFrame
    funds: pd.DataFrame
    manifest: dict


@dataclasses.dataclass
class Comparison:
    """A paired comparison: compare.csv, cost.csv and each scenario's Run (by output name)."""

    compare: pd.DataFrame
    cost: pd.DataFrame
    runs: dict


def _value_text(value: Any) -> str:
    # As written after --set KEY=VALUE: YAML's true/false, numbers in full precision.
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _flags(set: Optional[Mapping[str, Any]], replications: Optional[int], seed: Optional[int],
           scale: float, threads: Optional[int]) -> _povsim.Flags:
    f = _povsim.Flags()
    f.set = [f"{k}={_value_text(v)}" for k, v in (set or {}).items()]
    if replications is not None:
        if not 1 <= int(replications) <= 100000:
            raise ValueError(f"replications: expected 1..100000, found {replications}")
        f.replications = int(replications)
    if seed is not None:
        if not 0 <= int(seed) <= 4294967295:
            raise ValueError(f"seed: expected 0..4294967295, found {seed}")
        f.seed = int(seed)
    if not 1e-6 <= float(scale) <= 1e4:
        raise ValueError(f"scale: expected 1e-06..10000, found {scale}")
    f.scale = float(scale)
    if threads is not None:
        if not 1 <= int(threads) <= 4096:
            raise ValueError(f"threads: expected 1..4096, found {threads}")
        f.threads = int(threads)
    return f


def _table(text: str) -> pd.DataFrame:
    # Region and scenario names stay text (a region could be called "2021" or "NA").
    return pd.read_csv(io.StringIO(text), dtype={"region": str, "scenario": str,
                                                 "baseline": str, "account": str})


def _run_of(d: dict) -> Run:
    return Run(name=d["name"], annual=_table(d["annual"]), summary=_table(d["summary"]),
               funds=_table(d["funds"]), manifest=json.loads(d["manifest"]))


def run(scenario: str | os.PathLike, set: Optional[Mapping[str, Any]] = None,
        replications: Optional[int] = None, seed: Optional[int] = None, scale: float = 1.0,
        threads: Optional[int] = None) -> Run:
    """Runs a scenario as ``povsim run`` does (``set`` as --set KEY=VALUE, in order)."""
    return _run_of(_povsim.run(os.fspath(scenario),
                               _flags(set, replications, seed, scale, threads)))


def compare(a: str | os.PathLike, b: str | os.PathLike, *more: str | os.PathLike,
            set: Optional[Mapping[str, Any]] = None, replications: Optional[int] = None,
            seed: Optional[int] = None, scale: float = 1.0,
            threads: Optional[int] = None) -> Comparison:
    """Paired runs as ``povsim compare A B [MORE…]``: every scenario on A's seed and
    replications (common random numbers); differences of each against A."""
    files = [os.fspath(x) for x in (a, b, *more)]
    d = _povsim.compare(files, _flags(set, replications, seed, scale, threads))
    runs = {r["name"]: _run_of(r) for r in d["runs"]}
    return Comparison(compare=_table(d["compare"]), cost=_table(d["cost"]), runs=runs)


def sweep(spec: str | os.PathLike, set: Optional[Mapping[str, Any]] = None,
          replications: Optional[int] = None, seed: Optional[int] = None, scale: float = 1.0,
          threads: Optional[int] = None, year: Optional[int] = None,
          region: Optional[str] = None) -> pd.DataFrame:
    """Runs a sweep file (povsim-sweep/1) as ``povsim sweep`` does — the same points, the same
    random numbers — and returns one row per point × replication × year × region, with the
    point's block and parameters (one column per axis key) and one column per metric.
    ``year`` and ``region`` keep only that year or region."""
    d = _povsim.sweep(os.fspath(spec), _flags(set, replications, seed, scale, threads))
    long = _table(d["results"])
    if year is not None:
        long = long[long["year"] == int(year)]
    if region is not None:
        long = long[long["region"] == region]
    keys = ["point", "replication", "year", "region"]
    metrics = list(dict.fromkeys(long["metric"]))  # in annual.csv's order
    # Regions in the scenario's order (then "all"), as in annual.csv, not alphabetical.
    regions = list(dict.fromkeys(long["region"]))
    long = long.assign(region=pd.Categorical(long["region"], categories=regions, ordered=True))
    wide = long.pivot(index=keys, columns="metric", values="value")[metrics]
    wide.columns.name = None
    wide = wide.reset_index()
    wide["region"] = wide["region"].astype(str)
    axes = list(d["axes"])
    points = pd.DataFrame(
        [(p, block, axis, *values) for p, block, axis, values in d["points"]],
        columns=["point", "block", "axis_of_block", *axes])
    return points.merge(wide, on="point", how="right", sort=False)
