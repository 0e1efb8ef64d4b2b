#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The README's two commands.
#   scripts/quickstart.sh console   install, build, start the sandbox with demo data, open the console on it
#   scripts/quickstart.sh test      install, build, run every test (what CI runs)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

# Wall-clock seconds per named step, printed at the end of `test` (CI keeps an eye on its total time).
declare -A step_seconds=()
step_names=()
step() {
    local name=$1 start=$SECONDS
    shift
    "$@"
    [[ -v step_seconds[$name] ]] || { step_seconds[$name]=0; step_names+=("$name"); }
    step_seconds[$name]=$((step_seconds[$name] + SECONDS - start))
}
report() {
    local name
    for name in "${step_names[@]}"; do
        printf 'quickstart: %-20s %4d s\n' "$name" "${step_seconds[$name]}"
    done
}

case "${1:-}" in
console)
    scripts/install-deps.sh
    cmake --preset dev
    cmake --build --preset dev -j "$jobs" --target gatewright gatewright-sandbox
    bin=build/dev
    workspace=resources/examples/demo.gatewright.json
    sandbox_pid=""
    if [[ -x $bin/app/sandbox/gatewright-sandbox ]] && ! (exec 3<>/dev/tcp/127.0.0.1/5555) 2>/dev/null; then
        # Default ports, so the demo workspace's "sandbox" environment points at it.
        $bin/app/sandbox/gatewright-sandbox --seed demo > build/dev/sandbox.json &
        sandbox_pid=$!
        trap 'kill "$sandbox_pid" 2>/dev/null || true' EXIT
        for _ in $(seq 50); do [[ -s build/dev/sandbox.json ]] && break; sleep 0.1; done
        echo "sandbox: $(head -c 400 build/dev/sandbox.json)"
    fi
    if [[ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
        echo "quickstart: no display (DISPLAY/WAYLAND_DISPLAY unset); run this from a desktop session, or under xvfb-run." >&2
        exit 1
    fi
    $bin/app/gatewright "$workspace"
    ;;
test)
    scripts/install-deps.sh --test
    step "ci build + tests" cmake --preset ci
    step "ci build + tests" cmake --build --preset ci -j "$jobs"
    step "ci build + tests" ctest --preset ci -j "$jobs"
    # The same tests built with AddressSanitizer + UndefinedBehaviorSanitizer: a memory error, a leak or undefined
    # behaviour in our code fails the test that hit it (options in the asan test preset, docs/testing.md).
    step "asan build + tests" cmake --preset asan
    step "asan build + tests" cmake --build --preset asan -j "$jobs"
    step "asan build + tests" ctest --preset asan -j "$jobs"
    # Each libFuzzer target for a bounded time on its seed corpus; a finding fails the run (docs/testing.md).
    step "fuzz" scripts/fuzz.sh all "${GATEWRIGHT_FUZZ_SECONDS:-25}"
    report
    ;;
*)
    echo "usage: $0 console|test" >&2
    exit 2
    ;;
esac
