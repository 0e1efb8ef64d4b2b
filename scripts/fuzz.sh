#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a libFuzzer target of tests/fuzz for a while (docs/testing.md).
#   scripts/fuzz.sh TARGET SECONDS   TARGET: workspace jwt jwks gatewayjson oauth sandbox, or all (each in turn)
# Builds the `fuzz` preset (clang, ASan + UBSan) if needed, fuzzes a copy of tests/fuzz/corpus/TARGET in
# build/fuzz/run/TARGET (new inputs stay there; the committed corpus is not touched), and prints the executions
# and coverage (cov: edges, ft: features) at the end. A finding stops the run with exit status 1 and leaves
# build/fuzz/run/TARGET/crash-* (or leak-*, timeout-*): turn it into a regression test (docs/testing.md).
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(workspace jwt jwks gatewayjson oauth sandbox)

if (( $# != 2 )) || ! [[ "$2" =~ ^[0-9]+$ ]]; then
    echo "usage: $0 TARGET|all SECONDS   (TARGET: ${targets[*]})" >&2
    exit 2
fi
if [[ "$1" == all ]]; then
    selected=("${targets[@]}")
elif [[ " ${targets[*]} " == *" $1 "* ]]; then
    selected=("$1")
else
    echo "fuzz: no target \"$1\"; the targets are: ${targets[*]} (or all)" >&2
    exit 2
fi
seconds=$2

command -v clang++ >/dev/null || { echo "fuzz: clang++ not found: run scripts/install-deps.sh --test" >&2; exit 1; }
[[ -f build/fuzz/CMakeCache.txt ]] || cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j 2 >/dev/null

# Qt's own allocations live until exit (QCoreApplication, static caches): LeakSanitizer still runs, for ours.
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:strict_string_checks=1:check_initialization_order=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export QT_LOGGING_RULES="*.debug=false;*.warning=false" LANG=C.UTF-8 LC_ALL=C.UTF-8 QT_QPA_PLATFORM=offscreen

status=0
for target in "${selected[@]}"; do
    run=build/fuzz/run/$target
    mkdir -p "$run/corpus"
    cp -n tests/fuzz/corpus/"$target"/* "$run/corpus/" 2>/dev/null || true
    log=$run/fuzz.log
    set +e
    (cd "$run" && ../../tests/fuzz/fuzz_"$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=16384 -print_final_stats=1 corpus > fuzz.log 2>&1)
    rc=$?
    set -e
    last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
    execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}' || true)
    rate=$(grep -E '^stat::average_exec_per_sec' "$log" | awk '{print $2}' || true)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<< "$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<< "$last")
    corpus=$(ls "$run/corpus" | wc -l)
    if (( rc == 0 )); then
        printf 'fuzz %-12s %4ss  executions %-9s (%s/s)  cov: %-6s ft: %-6s corpus %s\n' \
            "$target" "$seconds" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$corpus"
    else
        status=1
        echo "fuzz $target: FINDING (exit $rc); input and log in $run:" >&2
        ls "$run" | grep -E '^(crash|leak|timeout|oom)-' >&2 || true
        grep -E -m 20 'ERROR|runtime error|property violated|SUMMARY|#[0-9]+ 0x' "$log" >&2 || true
    fi
done
exit $status
