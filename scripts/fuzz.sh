#!/usr/bin/env bash
# scripts/fuzz.sh FUZZTIME FUZZMINIMIZETIME TARGET...
#
# Runs each fuzz target for FUZZTIME, in the package whose tests define it
# (loader, templates, ...). A crash fails (its input is saved under
# PACKAGE/testdata/fuzz: commit it as a regression seed). Go's
# fuzzing engine sometimes ends a clean run with "context deadline exceeded"
# when the time is up while a worker is busy (no failing input is written);
# such a run is retried once, then counted as clean.
set -uo pipefail
cd "$(dirname "$0")/.."
time=$1 minimize=$2
shift 2
for f in "$@"; do
  files=$(grep -rl --include='*_test.go' "^func $f(" . || true)
  if [ "$(echo "$files" | grep -c .)" -ne 1 ]; then
    echo "fuzz: $f is defined in $(echo "$files" | grep -c .) packages, want 1: $files" >&2
    exit 1
  fi
  pkg=./$(dirname "${files#./}")
  for attempt in 1 2; do
    echo "go test -run='^\$' -fuzz='^$f\$' -fuzztime=$time -fuzzminimizetime=$minimize $pkg"
    out=$(go test -run='^$' -fuzz="^$f\$" -fuzztime="$time" -fuzzminimizetime="$minimize" "$pkg" 2>&1)
    rc=$?
    echo "$out" | tail -3
    [ $rc -eq 0 ] && break
    if echo "$out" | grep -q "context deadline exceeded" && ! echo "$out" | grep -q "Failing input written"; then
      [ $attempt -eq 2 ] && { echo "fuzz: $f ended on the engine's deadline twice with no failing input; counted as clean"; break; }
      echo "fuzz: $f ended on the engine's deadline with no failing input; retrying"
      continue
    fi
    echo "$out" | tail -40
    exit 1
  done
done
