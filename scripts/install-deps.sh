#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what Gatewright needs to build and test on Debian 12, and nothing twice:
# Debian packages only when one is missing, npm packages only when the lock file changed.
#   scripts/install-deps.sh          build + run dependencies
#   scripts/install-deps.sh --test   also the test peers (gnome-keyring, Xvfb, Node servers) and clang for fuzzing
set -euo pipefail
cd "$(dirname "$0")/.."

with_test=0
[[ "${1:-}" == "--test" ]] && with_test=1

packages=(
    build-essential cmake pkg-config ccache
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-httpserver-dev qt6-websockets-dev qt6-svg-dev qtkeychain-qt6-dev libssl-dev libgl-dev
    qt6-qpa-plugins gnome-keyring dbus dbus-x11 libsecret-tools
)
if (( with_test )); then
    packages+=(xvfb xauth procps curl python3 desktop-file-utils appstream openssl)
    # The fuzz preset: clang, and libFuzzer with the sanitizer runtimes (only recommended by clang, so named here).
    packages+=(clang libclang-rt-14-dev)
    command -v node >/dev/null 2>&1 || packages+=(nodejs)
    command -v npm >/dev/null 2>&1 || packages+=(npm)
fi

missing=()
for package in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
    [[ "$status" == "installed" ]] || missing+=("$package")
done

if (( ${#missing[@]} )); then
    echo "install-deps: installing ${missing[*]}"
    sudo=""
    if (( EUID != 0 )); then
        command -v sudo >/dev/null 2>&1 || { echo "install-deps: run as root or install: ${missing[*]}" >&2; exit 1; }
        sudo=sudo
    fi
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
else
    echo "install-deps: Debian packages present"
fi

if (( with_test )); then
    peers=tests/peers
    stamp=$peers/node_modules/.gatewright-lock.sha256
    want=$(sha256sum "$peers/package-lock.json" | cut -d' ' -f1)
    if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
        echo "install-deps: npm ci in $peers"
        (cd "$peers" && npm ci --no-audit --no-fund --loglevel=error)
        echo "$want" > "$stamp"
    else
        echo "install-deps: npm test peers present"
    fi
fi
