#!/usr/bin/env bash
# scripts/bench.sh [LEADS...]   (default: 100000 300000 1000000)
#
# Whole-command benchmark against the DuckDB peer (../shared/bench/peer).
# Data sets (cmd/gensample, fixed seed, kept in bench-data/):
#   grouped     LEADS...            rows grouped by person, as gensample writes them
#   shuffled    $SHUFFLED           leads, touches and activities in random row
#                                   order (default: 1000000 3000000)
#   campaigns   100,000 leads over $CAMPAIGNS campaigns (default: 40 5000 20000)
#   scattered   100,000 leads, each of 40 campaigns split into $SCATTER
#               (default: 125, so 5,000) with touches given out at random:
#               no time order between campaigns, Markov's worst case
# For each set it runs the peer and retro one after the other on a warm page
# cache and prints a Markdown table row: wall time, user+sys CPU time and
# peak memory of both, retro's throughput, the ratio of the wall times and
# the figure-by-figure comparison. Ends with the exponent of retro's time
# against size per row order (a least-squares fit of log time on log leads;
# 1.0 is linear). SHUFFLED=, CAMPAIGNS= or SCATTER= (empty) skips a set; NOPEER=1
# skips the peer; PEER_MAX=N skips it on sets of more than N leads (e.g.
# SHUFFLED="1000000 3000000 10000000" PEER_MAX=3000000 for the growth run);
# RUNS=N runs peer and retro N times, alternating, and keeps each one's run
# of median wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 300000 1000000)
read -r -a shuffled <<<"${SHUFFLED-1000000 3000000}"
read -r -a campaigns <<<"${CAMPAIGNS-40 5000 20000}"
read -r -a scatter <<<"${SCATTER-125}"
peer=../shared/bench/peer
[ -d "$peer" ] && [ -z "${NOPEER:-}" ] || peer=""
command -v /usr/bin/time >/dev/null || { echo "bench: /usr/bin/time is needed (apt-get install time)" >&2; exit 1; }

bin=$(mktemp -d)/retro
go build -o "$bin" .
results=$(mktemp)

measure() { # logfile cmd...: prints "wall-seconds cpu-seconds kbytes"
  local log=$1; shift
  /usr/bin/time -v "$@" >"$log.out" 2>"$log" || { cat "$log" >&2; exit 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; t=s}
              /User time/ {u=$2} /System time/ {y=$2}
              /Maximum resident set size/ {m=$2} END {printf "%.2f %.2f %d\n", t, u+y, m}' "$log"
}

median() { # lines of "wall cpu kbytes": the line of median wall time
  sed '/^$/d' <<<"$1" | sort -n -k1,1 | awk '{l[NR] = $0} END {print l[int((NR + 1) / 2)]}'
}

# bench SET LEADS DIR GENSAMPLE-FLAGS...: one row of the table.
bench() {
  local set=$1 n=$2 data=$3; shift 3
  if [ ! -f "$data/.complete" ]; then
    rm -rf "$data"
    go run ./cmd/gensample -leads "$n" -out "$data" "$@" >/dev/null 2>&1
    touch "$data/.complete"
  fi
  local mb touches ncamp out peer_cols="n/a | n/a | n/a" figures="n/a" ratio="n/a"
  mb=$(du -cm "$data"/*.csv | tail -1 | cut -f1)
  touches=$(($(wc -l <"$data/touches.csv") - 1))
  ncamp=$(($(wc -l <"$data/campaigns.csv") - 1))
  out=$(mktemp -d)
  cat "$data"/*.csv >/dev/null # warm the page cache for both
  local use_peer=$peer
  [ -z "${PEER_MAX:-}" ] || [ "$n" -le "$PEER_MAX" ] || use_peer=""
  # RUNS alternating runs of each; the run of median wall time is kept.
  local i peers="" retros=""
  for ((i = 0; i < ${RUNS:-1}; i++)); do
    if [ -n "$use_peer" ]; then
      peers+="$(measure "$out/peer.log" "$peer/run.sh" "$data" 2026-07-01 2026-09-30 180)"$'\n'
    fi
    rm -rf "$out/report"
    retros+="$(measure "$out/retro.log" "$bin" -q --period 2026-07-01..2026-09-30 --lookback 180 --out "$out/report" "$data")"$'\n'
  done
  if [ -n "$use_peer" ]; then
    read -r pt pc pm < <(median "$peers")
    peer_cols="$pt | $pc | $((pm / 1024))"
  fi
  read -r rt rc rm < <(median "$retros")
  if [ -n "$use_peer" ]; then
    figures=$(node "$peer/compare.mjs" "$out/peer.log.out" "$out/report/report.json" | tail -1 | sed 's/ (peer as_of.*//')
    ratio=$(awk -v r="$rt" -v p="$pt" 'BEGIN {printf "%.2f", r / p}')
  fi
  tput=$(awk -v m="$mb" -v t="$rt" 'BEGIN {printf "%.0f", m / t}')
  echo "| $set | $n | $ncamp | $touches | $mb | $rt | $rc | $((rm / 1024)) | $tput | $peer_cols | $ratio | $figures |"
  echo "$set $n $rt" >>"$results"
  rm -rf "$out"
}

echo "| set | leads | campaigns | touches | CSV MB | retro wall s | retro CPU s | retro peak MB | retro MB/s | peer wall s | peer CPU s | peer peak MB | retro/peer wall | figures |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
for n in "${sizes[@]}"; do bench grouped "$n" "bench-data/$n"; done
for n in "${shuffled[@]}"; do bench shuffled "$n" "bench-data/$n-shuffled" -shuffle; done
for c in "${campaigns[@]}"; do bench "campaigns" 100000 "bench-data/100000-c$c" -campaigns "$c"; done
for k in "${scatter[@]}"; do bench "scattered" 100000 "bench-data/100000-s$k" -campaigns 40 -scatter "$k"; done
for set in grouped shuffled; do
  awk -v set="$set" '$1 == set {x=log($2); y=log($3); sx+=x; sy+=y; sxx+=x*x; sxy+=x*y; n++}
       END {if (n > 1) printf "\nexponent of retro wall time against leads, %s: %.2f (1.00 is linear)\n", set, (n*sxy - sx*sy) / (n*sxx - sx*sx)}' "$results"
done
