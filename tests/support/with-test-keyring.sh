#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Usage: dbus-run-session -- with-test-keyring.sh <test command...>
# Gives the test a throwaway HOME and an unlocked gnome-keyring 'login' collection on the private
# session bus that dbus-run-session created, so the developer's real keyring is never touched.
set -e
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
    echo "with-test-keyring.sh: no session bus; run it under dbus-run-session" >&2
    exit 1
fi
command -v gnome-keyring-daemon >/dev/null 2>&1 || {
    echo "with-test-keyring.sh: gnome-keyring-daemon not found (apt-get install gnome-keyring)" >&2
    exit 1
}
KR_HOME=$(mktemp -d "${TMPDIR:-/tmp}/gatewright-keyring.XXXXXX")
KR_PID=""
trap 'if [ -n "$KR_PID" ]; then kill "$KR_PID" 2>/dev/null || true; fi; rm -rf "$KR_HOME"' EXIT
export HOME="$KR_HOME" XDG_DATA_HOME="$KR_HOME/data" XDG_CONFIG_HOME="$KR_HOME/config" \
    XDG_CACHE_HOME="$KR_HOME/cache" XDG_STATE_HOME="$KR_HOME/state" XDG_RUNTIME_DIR="$KR_HOME/runtime"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# The keyring daemon finds a running instance through XDG_RUNTIME_DIR (above: a private one, so the
# developer's own daemon is never unlocked with the test password). QtKeychain chooses KWallet on
# KDE desktops: without these variables it talks to the Secret Service on the private bus.
unset XDG_CURRENT_DESKTOP KDE_SESSION_VERSION DESKTOP_SESSION GNOME_DESKTOP_SESSION_ID
# --unlock reads the password on stdin and creates the 'login' collection when missing.
eval "$(printf '%s' "${KR_PW:-gatewright-test}" | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
# The daemon that owns the Secret Service on this private bus, and no other one.
KR_PID=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null |
    sed -n 's/^ *uint32 //p')
# --unlock exits 0 even when the password is wrong and the collection stays locked: check by writing.
if command -v secret-tool >/dev/null 2>&1; then
    if ! printf 'probe' | secret-tool store --label=gatewright-test-keyring gatewright-test-keyring probe 2>/dev/null; then
        echo "with-test-keyring.sh: the throwaway keyring is not writable (still locked?)" >&2
        exit 1
    fi
    secret-tool clear gatewright-test-keyring probe
fi
"$@"
