#!/bin/sh
# Converts the carparts corpus file (series,month,quantity) into a monthly sales CSV for
# `ambient forecast eval --period month`: store "CP", the part number as the SKU, complete series
# only (every month present; months the source leaves empty make a series incomplete).
# Usage: carparts_to_sales.sh carparts.csv > carparts-sales.csv
set -eu
in="${1:?usage: carparts_to_sales.sh carparts.csv}"
awk -F, 'NR == FNR { if (FNR > 1 && $3 != "" && $3 != "NA") n[$1]++; if (FNR > 1) m[$2] = 1; next }
  FNR == 1 { months = 0; for (k in m) months++; print "month,store,sku,quantity"; next }
  n[$1] == months { print $2 ",CP," $1 "," $3 }' "$in" "$in"
