#!/usr/bin/env bash
# Side-by-side billing throughput (bench/billing.ts, invoices/s) of two Accrue trees.
#
#   bench/compare.sh BEFORE_TREE AFTER_TREE    (e.g. a `git worktree` of the base commit, with npm ci)
#
# Per back end the runs alternate A B A B A B (ROUNDS rounds); rounds are interleaved across
# back ends (round 1: pglite A, pglite B, postgres A, postgres B; round 2: …) so slow drift in
# machine load spreads over both trees and both back ends. Every run is a separate
# `node bin/run-ts.js bench/billing.ts` in that tree, which seeds its own fresh database
# (PGlite: a new data dir under a per-run TMPDIR; PostgreSQL: a new accrue_test_* database
# created next to PG_URL and dropped at the end), bills it, and checks every invoice.
# Trees are only read (their node_modules must be installed); nothing is written into them.
#
# Environment (defaults in brackets):
#   ROUNDS [3]                  runs per tree per back end
#   PGLITE_CONTRACTS [1000]     book size on embedded PGlite (1 `accrue bill` process)
#   PG_CONTRACTS [3000]         book size on PostgreSQL (BENCH_WORKERS processes)
#   BENCH_WORKERS [2]           `accrue bill` processes on PostgreSQL
#   PG_URL [postgres://postgres@127.0.0.1:5432/postgres]   maintenance DB; "" skips PostgreSQL
#   BACKENDS ["pglite postgres"]
#   LOG_DIR [/tmp/bench-side-by-side.<timestamp>]          full output of each run
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 BEFORE_TREE AFTER_TREE" >&2
  exit 2
fi
A=$(realpath "$1")
B=$(realpath "$2")
ROUNDS=${ROUNDS:-3}
PGLITE_CONTRACTS=${PGLITE_CONTRACTS:-1000}
PG_CONTRACTS=${PG_CONTRACTS:-3000}
BENCH_WORKERS=${BENCH_WORKERS:-2}
PG_URL=${PG_URL-postgres://postgres@127.0.0.1:5432/postgres}
BACKENDS=${BACKENDS:-pglite postgres}
LOG_DIR=${LOG_DIR:-/tmp/bench-side-by-side.$(date +%Y%m%d-%H%M%S)}
mkdir -p "$LOG_DIR"
RESULTS="$LOG_DIR/results.tsv"
TSX_CACHE="${TMPDIR:-/tmp}/tsx-$(id -u)"
: >"$RESULTS"

for t in "$A" "$B"; do
  [[ -f $t/bench/billing.ts && -f $t/bin/run-ts.js && -d $t/node_modules ]] || {
    echo "not a benchmarkable tree (bench/billing.ts, bin/run-ts.js, node_modules): $t" >&2
    exit 2
  }
done

if [[ " $BACKENDS " == *" postgres "* ]]; then
  if [[ -z $PG_URL ]] || ! psql "$PG_URL" -Atqc 'select 1' >/dev/null 2>&1; then
    echo "PostgreSQL not reachable at '${PG_URL}': skipping it" >&2
    BACKENDS=${BACKENDS//postgres/}
  fi
fi

describe() {
  local rev dirty
  rev=$(git -C "$1" rev-parse --short HEAD 2>/dev/null || echo "?")
  dirty=$(git -C "$1" status --porcelain --untracked-files=no 2>/dev/null | wc -l)
  echo "$1 @ $rev$([[ $dirty -gt 0 ]] && echo " (+$dirty modified files)")"
}
echo "# billing side by side — $(date -Is)"
echo "A (before): $(describe "$A")"
echo "B (after):  $(describe "$B")"
echo "$(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); rounds $ROUNDS; PGlite $PGLITE_CONTRACTS contracts ×1 process; PostgreSQL $PG_CONTRACTS contracts ×$BENCH_WORKERS processes"
echo "logs: $LOG_DIR"
echo

run() { # round backend label tree
  local round=$1 backend=$2 label=$3 tree=$4
  local log="$LOG_DIR/r${round}-${backend}-${label}.log"
  local tmp="$LOG_DIR/tmp-r${round}-${backend}-${label}"
  mkdir -p "$tmp" "$TSX_CACHE"
  # a private TMPDIR per run (PGlite's data dir goes there), but tsx's transpile cache
  # (os.tmpdir()/tsx-<uid>) stays shared, or every process would transpile src/ again
  ln -s "$TSX_CACHE" "$tmp/tsx-$(id -u)"
  local load0 t0 t1 rc=0
  load0=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(date +%s.%N)
  if [[ $backend == pglite ]]; then
    (cd "$tree" && env -u DATABASE_URL TMPDIR="$tmp" BENCH_BACKENDS=pglite \
      BENCH_CONTRACTS="$PGLITE_CONTRACTS" BENCH_ROUNDS=1 node bin/run-ts.js bench/billing.ts) >"$log" 2>&1 || rc=$?
  else
    (cd "$tree" && TMPDIR="$tmp" DATABASE_URL="$PG_URL" BENCH_BACKENDS=postgres \
      BENCH_CONTRACTS="$PG_CONTRACTS" BENCH_ROUNDS=1 BENCH_WORKERS="$BENCH_WORKERS" \
      node bin/run-ts.js bench/billing.ts) >"$log" 2>&1 || rc=$?
  fi
  t1=$(date +%s.%N)
  rm -rf "$tmp"
  local rate secs raw seed ok
  rate=$(sed -n 's/.*billing run | \([0-9.]*\) s, \*\*\([0-9,]*\) invoices\/s.*/\2/p' "$log" | tr -d ,)
  secs=$(sed -n 's/.*billing run | \([0-9.]*\) s,.*/\1/p' "$log")
  raw=$(sed -n 's/.*\(raw insert\|COPY\) of the same rows.*| \([0-9,]*\) invoices\/s.*/\2/p' "$log" | tr -d ,)
  seed=$(sed -n 's/.*book seeded in \([0-9.]*\) s.*/\1/p' "$log")
  ok=$(sed -n 's/.*numbered once) | \(true\|false\) |.*/\1/p' "$log")
  [[ $rc -eq 0 && -n $rate ]] || { ok="FAIL(rc=$rc)"; rate=${rate:-NA}; }
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.0f\t%s\t%s\n' "$round" "$backend" "$label" "$rate" \
    "${secs:-NA}" "${raw:-NA}" "${seed:-NA}" "$(echo "$t1 - $t0" | bc)" "$load0" "${ok:-NA}" |
    tee -a "$RESULTS" | awk -F'\t' '{printf "  round %s %-8s %s  %6s invoices/s  (billing %s s, raw %s/s, seed %s s, wall %s s, load %s, ok %s)\n",$1,$2,$3,$4,$5,$6,$7,$8,$9,$10}'
}

started=$(date +%s)
for ((r = 1; r <= ROUNDS; r++)); do
  for backend in $BACKENDS; do
    run "$r" "$backend" A "$A"
    run "$r" "$backend" B "$B"
  done
done
total=$(($(date +%s) - started))

echo
echo "| backend | tree | $(for ((r = 1; r <= ROUNDS; r++)); do printf 'run %d | ' "$r"; done)min | median | max | wall s (sum) |"
echo "|---|---|$(for ((r = 1; r <= ROUNDS; r++)); do printf -- '---|'; done)---|---|---|---|"
for backend in $BACKENDS; do
  for label in A B; do
    awk -F'\t' -v b="$backend" -v l="$label" '
      $2 == b && $3 == l { n++; v[n] = $4; w += $8 }
      END {
        row = "| " b " | " l " | "
        m = 0
        for (i = 1; i <= n; i++) { row = row v[i] " | "; if (v[i] ~ /^[0-9.]+$/) s[++m] = v[i] + 0 }
        # insertion sort of the numeric values
        for (i = 2; i <= m; i++) { x = s[i]; j = i - 1; while (j > 0 && s[j] > x) { s[j + 1] = s[j]; j-- } s[j + 1] = x }
        med = m ? (m % 2 ? s[(m + 1) / 2] : (s[m / 2] + s[m / 2 + 1]) / 2) : "NA"
        print row (m ? s[1] : "NA") " | " med " | " (m ? s[m] : "NA") " | " w " |"
      }' "$RESULTS"
  done
done
echo
for backend in $BACKENDS; do
  awk -F'\t' -v b="$backend" '
    function median(arr, k,   i, j, x) {
      for (i = 2; i <= k; i++) { x = arr[i]; j = i - 1; while (j > 0 && arr[j] > x) { arr[j + 1] = arr[j]; j-- } arr[j + 1] = x }
      return k % 2 ? arr[(k + 1) / 2] : (arr[k / 2] + arr[k / 2 + 1]) / 2
    }
    $2 == b && $4 ~ /^[0-9.]+$/ { if ($3 == "A") a[++na] = $4 + 0; else c[++nb] = $4 + 0 }
    END {
      if (na && nb) {
        ma = median(a, na); mb = median(c, nb)
        lo = 1e18; hi = 0
        for (i = 1; i <= na; i++) { lo = a[i] < lo ? a[i] : lo; hi = a[i] > hi ? a[i] : hi }
        for (i = 1; i <= nb; i++) { lo = c[i] < lo ? c[i] : lo; hi = c[i] > hi ? c[i] : hi }
        printf "%s: median B/A = %.3f (%+.1f %%); spread of all %d runs (max-min)/median(A) = %.0f %%\n", b, mb / ma, (mb / ma - 1) * 100, na + nb, (hi - lo) / ma * 100
      }
    }' "$RESULTS"
done
echo "total wall time: ${total} s; load now $(cut -d' ' -f1-3 /proc/loadavg); per-run output in $LOG_DIR"
if grep -qv $'\ttrue$' "$RESULTS"; then
  echo "WARNING: some runs failed or did not produce the expected invoices (see logs)" >&2
  exit 1
fi
