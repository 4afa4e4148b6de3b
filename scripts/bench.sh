#!/usr/bin/env bash
# scripts/bench.sh [LEADS...]   (default: 100000 300000 1000000)
#
# Whole-command benchmark against the DuckDB peer (../shared/bench/peer):
# for each size, generates the data set once (cmd/gensample, fixed seed,
# kept in bench-data/), runs the peer and retro one after the other on a warm
# page cache, and prints a Markdown table row: wall time and peak memory of
# both, retro's throughput, and the figure-by-figure comparison. Ends with
# the exponent of retro's time against size (a least-squares fit of
# log time on log leads; 1.0 is linear).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 300000 1000000)
peer=../shared/bench/peer
[ -d "$peer" ] || peer=""
command -v /usr/bin/time >/dev/null || { echo "bench: /usr/bin/time is needed (apt-get install time)" >&2; exit 1; }

bin=$(mktemp -d)/retro
go build -o "$bin" .
results=$(mktemp)

measure() { # label logfile cmd...: prints "seconds kbytes"
  local log=$1; shift
  /usr/bin/time -v "$@" >"$log.out" 2>"$log" || { cat "$log" >&2; exit 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; t=s}
              /Maximum resident set size/ {m=$2} END {printf "%.2f %d\n", t, m}' "$log"
}

echo "| leads | touches | CSV MB | retro wall s | retro peak MB | retro MB/s | peer wall s | peer query s | peer peak MB | figures |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
for n in "${sizes[@]}"; do
  data=bench-data/$n
  if [ ! -f "$data/.complete" ]; then
    rm -rf "$data"
    go run ./cmd/gensample -leads "$n" -out "$data" >/dev/null 2>&1
    touch "$data/.complete"
  fi
  mb=$(du -cm "$data"/*.csv | tail -1 | cut -f1)
  touches=$(($(wc -l <"$data/touches.csv") - 1))
  out=$(mktemp -d)
  cat "$data"/*.csv >/dev/null # warm the page cache for both
  peer_cols="n/a | n/a | n/a"
  figures="n/a"
  if [ -n "$peer" ]; then
    read -r pt pm < <(measure "$out/peer.log" "$peer/run.sh" "$data" 2026-07-01 2026-09-30 180)
    pq=$(sed -n 's/.*query phase \([0-9.]*\)s.*/\1/p' "$out/peer.log")
    peer_cols="$pt | $pq | $((pm / 1024))"
  fi
  read -r rt rm < <(measure "$out/retro.log" "$bin" -q --period 2026-07-01..2026-09-30 --lookback 180 --out "$out/report" "$data")
  if [ -n "$peer" ]; then
    figures=$(node "$peer/compare.mjs" "$out/peer.log.out" "$out/report/report.json" | tail -1 | sed 's/ (peer as_of.*//')
  fi
  tput=$(awk -v m="$mb" -v t="$rt" 'BEGIN {printf "%.0f", m / t}')
  echo "| $n | $touches | $mb | $rt | $((rm / 1024)) | $tput | $peer_cols | $figures |"
  echo "$n $rt" >>"$results"
  rm -rf "$out"
done
awk '{x=log($1); y=log($2); sx+=x; sy+=y; sxx+=x*x; sxy+=x*y; n++}
     END {if (n > 1) printf "\nexponent of retro wall time against leads: %.2f (1.00 is linear)\n", (n*sxy - sx*sy) / (n*sxx - sx*sx)}' "$results"
