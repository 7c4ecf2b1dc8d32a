#!/usr/bin/python3
"""Scores our forecasts, the 28-day mean and statsmodels' ExponentialSmoothing on the same
generated demand mix, by RMSSE (M5 scaling: each series' mean squared one-day change), as a ratio
to the RMSSE of the true expected demand.

Usage (from the repository root; needs Debian's python3-statsmodels):
  mvn -B -q -o -pl benchmarks -am package -DskipTests
  java -cp benchmarks/target/benchmarks.jar \
      io.ambientretail.benchmarks.planning.ForecastAccuracyExport /tmp/forecast-mix.csv
  /usr/bin/python3 benchmarks/scripts/compare_statsmodels.py /tmp/forecast-mix.csv
"""
import csv
import sys
import time
import warnings
from collections import defaultdict

import numpy as np
from statsmodels.tsa.holtwinters import ExponentialSmoothing

warnings.filterwarnings("ignore")


def rmsse(history, forecast, actual):
    scale = np.mean(np.diff(history) ** 2)
    if scale <= 0:
        return float("nan")
    return float(np.sqrt(np.mean((actual - forecast) ** 2) / scale))


def statsmodels_forecast(history, horizon):
    """Holt-Winters: additive damped trend and additive weekly season, parameters optimised."""
    y = np.asarray(history, dtype=float)
    try:
        fit = ExponentialSmoothing(y, trend="add", damped_trend=True, seasonal="add",
                                   seasonal_periods=7, initialization_method="estimated").fit()
        f = fit.forecast(horizon)
    except Exception:  # pragma: no cover - statsmodels fails on a few degenerate series
        f = np.full(horizon, y[-28:].mean())
    return np.maximum(np.asarray(f, dtype=float), 0.0)


def main(path):
    rows = defaultdict(list)
    with open(path, newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            rows[int(r["series"])].append(r)
    sums = defaultdict(lambda: defaultdict(float))
    started = time.time()
    for sid, rs in sorted(rows.items()):
        process = rs[0]["process"]
        hist = np.array([float(r["actual"]) for r in rs if r["ours"] == ""])
        fut = [r for r in rs if r["ours"] != ""]
        actual = np.array([float(r["actual"]) for r in fut])
        cols = {
            "truth": np.array([float(r["expected"]) for r in fut]),
            "ours": np.array([float(r["ours"]) for r in fut]),
            "mean28": np.array([float(r["mean28"]) for r in fut]),
            "statsmodels": statsmodels_forecast(hist, len(fut)),
        }
        for name, f in cols.items():
            v = rmsse(hist, f, actual)
            if not np.isnan(v):
                sums[process][name] += v
                sums["ALL"][name] += v
    seconds = time.time() - started
    print(f"{'process':16s} {'ours':>7s} {'mean28':>7s} {'statsm.':>7s}   (RMSSE / RMSSE of truth)")
    for process in sorted(sums, key=lambda p: (p == "ALL", p)):
        s = sums[process]
        t = s["truth"]
        print(f"{process:16s} {s['ours'] / t:7.3f} {s['mean28'] / t:7.3f} {s['statsmodels'] / t:7.3f}")
    print(f"{len(rows)} series; statsmodels fitting took {seconds:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "forecast-mix.csv")
