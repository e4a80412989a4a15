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
# Fonts the printed-letter datasets are rendered from (packages/node/src/datasets/font-split.ts; a test
# checks this list covers it). Only missing packages are installed, so a second run costs nothing.
font_packages=(fonts-cantarell fonts-crosextra-caladea fonts-crosextra-carlito fonts-dejavu-core fonts-ebgaramond
  fonts-freefont-ttf fonts-go fonts-inconsolata fonts-liberation fonts-linuxlibertine fonts-lmodern fonts-open-sans
  fonts-sil-gentium fonts-urw-base35)
if command -v dpkg-query >/dev/null 2>&1 && [ -z "${GLYPH_SKIP_FONTS:-}" ]; then
  missing_fonts=()
  for package in "${font_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' || missing_fonts+=("$package")
  done
  if [ "${#missing_fonts[@]}" -gt 0 ]; then
    apt_install=(apt-get install -y -qq --no-install-recommends "${missing_fonts[@]}")
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && "${apt_install[@]}" >/dev/null;
    else sudo apt-get update -qq && sudo "${apt_install[@]}" >/dev/null; fi
  fi
fi
# Pretrained backbones for transfer learning, built from the installed npm package (no download).
npx tsx scripts/build-backbones.ts
