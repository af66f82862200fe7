#!/usr/bin/env bash
# Makes sure `jing`, the RELAX NG validator the Atom feed tests check RFC 4287's schema with, is there,
# installing Debian's (or Ubuntu's) `jing` package when it is not: as root, or through sudo where it needs
# no password (GitHub's runners). Elsewhere the tests that need it are skipped, with the reason.
set -euo pipefail

if command -v jing >/dev/null 2>&1; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "jing not found and no apt-get: the RELAX NG checks of the Atom feeds will be skipped" >&2
  exit 0
fi

if [ "$(id -u)" = 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "jing not found: install Debian's jing package for the RELAX NG checks of the Atom feeds" >&2
  exit 0
fi

echo "No jing found: installing the jing package" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends jing >/dev/null
