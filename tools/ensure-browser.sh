#!/usr/bin/env bash
# Makes sure a Chromium-family browser is there for the browser tests, installing Debian's `chromium`
# package only when none is found. Never downloads a browser build of its own.
set -euo pipefail

for candidate in "${NEWSDESK_BROWSER:-}" chromium chromium-browser google-chrome google-chrome-stable; do
  [ -n "$candidate" ] || continue
  if path=$(command -v "$candidate" 2>/dev/null) && "$path" --version >/dev/null 2>&1; then
    exit 0
  fi
done

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "No Chromium found: installing Debian's chromium package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
  exit 0
fi

echo "No Chromium-family browser found. Install chromium (or set NEWSDESK_BROWSER to a browser's path)." >&2
exit 1
