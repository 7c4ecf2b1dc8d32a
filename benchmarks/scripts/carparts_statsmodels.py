#!/usr/bin/python3
"""statsmodels on the carparts data, by the same protocol as CarpartsBenchmark and carparts_r.R:
complete series only, fit on the first ORIGIN months, forecast the next H, MASE and RMSSE scaled by
the in-sample one-step naive errors, averaged over series; milliseconds per series per method.

Usage (needs Debian's python3-statsmodels):
  /usr/bin/python3 benchmarks/scripts/carparts_statsmodels.py CARPARTS.csv [ORIGIN] [H]
"""
import csv
import sys
import time
import warnings
from collections import defaultdict

import numpy as np
from statsmodels.tsa.holtwinters import ExponentialSmoothing, SimpleExpSmoothing

warnings.filterwarnings("ignore")


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "carparts.csv"
    origin = int(sys.argv[2]) if len(sys.argv) > 2 else 45
    h = int(sys.argv[3]) if len(sys.argv) > 3 else 6
    rows = defaultdict(dict)
    months = set()
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            months.add(r["month"])
            q = r["quantity"].strip()
            if q and q != "NA":
                rows[r["series"]][r["month"]] = float(q)
    need = sorted(months)[: origin + h]
    series = [np.array([s[m] for m in need]) for s in rows.values() if all(m in s for m in need)]
    print(f"statsmodels: {len(series)} complete series, training months 1-{origin}, "
          f"forecast {origin + 1}-{origin + h}")

    def ses(y):
        return SimpleExpSmoothing(y, initialization_method="estimated").fit().forecast(h)

    def damped(y):
        return (ExponentialSmoothing(y, trend="add", damped_trend=True,
                                     initialization_method="estimated").fit().forecast(h))

    for name, method in (("sm-ses", ses), ("sm-holt-damped", damped)):
        mase, rmsse, secs = [], [], 0.0
        for y in series:
            train, test = y[:origin], y[origin:origin + h]
            t0 = time.perf_counter()
            try:
                f = np.maximum(0, np.asarray(method(train), dtype=float))
            except Exception:  # a failed fit falls back to the training mean, as in carparts_r.R
                f = np.full(h, train.mean())
            secs += time.perf_counter() - t0
            d = np.diff(train)
            sa, ss = np.mean(np.abs(d)), np.mean(d ** 2)
            if sa > 0:
                mase.append(np.mean(np.abs(test - f)) / sa)
                rmsse.append(np.sqrt(np.mean((test - f) ** 2) / ss))
        print(f"{name:<14} {np.mean(mase):7.4f} {np.mean(rmsse):7.4f} "
              f"{1000 * secs / len(series):8.3f}")


if __name__ == "__main__":
    main()
