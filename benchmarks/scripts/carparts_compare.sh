#!/bin/sh
# The carparts comparison in one run: ours (CarpartsBenchmark, with the policy backtest), then R
# forecast and statsmodels on the same series and protocol, each skipped with a message when it is
# not installed. With --install first, installs the two from Debian (needs root).
# Usage (from the repository root): benchmarks/scripts/carparts_compare.sh [--install] CARPARTS.csv [ORIGIN] [EVERY_FOR_ETS]
set -eu
if [ "${1:-}" = "--install" ]; then
  shift
  apt-get install -y r-cran-forecast python3-statsmodels
fi
csv="${1:?usage: carparts_compare.sh [--install] carparts.csv [origin] [every]}"
origin="${2:-45}"
every="${3:-1}"
dir="$(cd "$(dirname "$0")" && pwd)"
jar="$dir/../target/benchmarks.jar"
[ -f "$jar" ] || { echo "build first: mvn -B -q -pl benchmarks -am package -DskipTests" >&2; exit 2; }
java -cp "$jar" io.ambientretail.benchmarks.planning.CarpartsBenchmark "$csv" "$origin" 6 --policy
if command -v Rscript >/dev/null 2>&1 && Rscript -e 'library(forecast)' >/dev/null 2>&1; then
  Rscript "$dir/carparts_r.R" "$csv" "$origin" 6 ses,croston,naive,mean
  Rscript "$dir/carparts_r.R" "$csv" "$origin" 6 ets "$every"
else
  echo "R with the forecast package is absent: skipping R (apt-get install r-cran-forecast)"
fi
if /usr/bin/python3 -c 'import statsmodels' >/dev/null 2>&1; then
  /usr/bin/python3 "$dir/carparts_statsmodels.py" "$csv" "$origin" 6
else
  echo "statsmodels is absent: skipping it (apt-get install python3-statsmodels)"
fi
