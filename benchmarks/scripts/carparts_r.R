#!/usr/bin/env Rscript
# R forecast 8.x on the carparts data, by the same protocol as CarpartsBenchmark: complete series
# only, fit on the first ORIGIN months, forecast the next H, MASE and RMSSE scaled by the in-sample
# one-step naive errors, averaged over series; seconds per series for each method.
# Usage: Rscript carparts_r.R CARPARTS.csv [ORIGIN] [H] [METHODS] [EVERY]
#   METHODS: comma-separated subset of ses,ets,croston,naive,mean (default all);
#   EVERY: score every EVERY-th complete series only (default 1: all; ets takes about 0.3 s a
#   series on an idle core, so a sample keeps it short on a busy machine).
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
file <- if (length(args) >= 1) args[1] else "carparts.csv"
origin <- if (length(args) >= 2) as.integer(args[2]) else 45L
h <- if (length(args) >= 3) as.integer(args[3]) else 6L
only <- if (length(args) >= 4) strsplit(args[4], ",")[[1]] else c("ses", "ets", "croston", "naive", "mean")
every <- if (length(args) >= 5) as.integer(args[5]) else 1L
d <- read.csv(file, colClasses = c("character", "character", "numeric"))
d <- d[!is.na(d$quantity), ]
months <- sort(unique(d$month))
need <- months[1:(origin + h)]
ids <- unique(d$series)
series <- list()
for (id in ids) {
  s <- d[d$series == id, ]
  if (all(need %in% s$month)) {
    series[[id]] <- s$quantity[match(need, s$month)]
  }
}
series <- series[seq(1, length(series), by = every)]
cat(sprintf("R forecast %s: %d complete series%s, training months 1-%d, forecast %d-%d\n",
            as.character(packageVersion("forecast")), length(series),
            if (every > 1) sprintf(" (every %d-th)", every) else "", origin, origin + 1, origin + h))
methods <- list(
  ses = function(y) ses(y, h = h)$mean,
  ets = function(y) forecast(ets(y), h = h)$mean,
  croston = function(y) croston(y, h = h)$mean,
  naive = function(y) naive(y, h = h)$mean,
  mean = function(y) meanf(y, h = h)$mean
)
out <- data.frame()
for (m in intersect(names(methods), only)) {
  mase <- c(); rmsse <- c(); secs <- 0
  for (y in series) {
    train <- ts(y[1:origin], frequency = 12)
    test <- y[(origin + 1):(origin + h)]
    t0 <- proc.time()[["elapsed"]]
    f <- tryCatch(as.numeric(methods[[m]](train)), error = function(e) rep(mean(y[1:origin]), h))
    secs <- secs + proc.time()[["elapsed"]] - t0
    dif <- diff(y[1:origin])
    sa <- mean(abs(dif)); ss <- mean(dif^2)
    if (sa > 0) {
      mase <- c(mase, mean(abs(test - f)) / sa)
      rmsse <- c(rmsse, sqrt(mean((test - f)^2) / ss))
    }
  }
  cat(sprintf("%-14s %7.4f %7.4f %8.3f\n", paste0("R-", m), mean(mase), mean(rmsse),
              1000 * secs / length(series)))
}
