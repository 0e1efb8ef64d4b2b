#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Usage: dbus-run-session -- with-test-keyring.sh <test command...>
# Gives the test a throwaway HOME and an unlocked gnome-keyring 'login' collection on the private
# session bus that dbus-run-session created, so the developer's real keyring is never touched.
set -e
KR_HOME=$(mktemp -d)
trap 'kill "$KR_PID" 2>/dev/null || true; rm -rf "$KR_HOME"' EXIT
export HOME="$KR_HOME" XDG_DATA_HOME="$KR_HOME/data" XDG_CONFIG_HOME="$KR_HOME/config" XDG_CACHE_HOME="$KR_HOME/cache"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
# --unlock reads the password on stdin and creates the 'login' collection when missing.
eval "$(printf '%s' "${KR_PW:-gatewright-test}" | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
KR_PID=$(pgrep -n -u "$(id -u)" gnome-keyring-d || true)
"$@"
