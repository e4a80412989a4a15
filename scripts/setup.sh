#!/usr/bin/env bash
# Installs everything Glyph needs on a fresh Debian machine with Node 20+: npm packages, and the
# system Chromium the browser tests drive (Playwright cannot download its own browser here).
set -euo pipefail
cd "$(dirname "$0")/.."
# `npm install`, not `npm ci`: the registry this machine reaches lacks the other platforms' optional
# rollup builds, which `npm ci` counts as a lock mismatch. `npm install` still installs the locked versions.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund
fi
if ! command -v chromium >/dev/null 2>&1 && [ -z "${GLYPH_SKIP_CHROMIUM:-}" ]; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null;
  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi
fi
