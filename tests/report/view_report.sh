#!/bin/sh
# tests/report/view_report.sh CROSSFOOT SOURCE_DIR WORK_DIR: makes the HTML report of
# examples/changzhou-2024.toml and opens it in headless Chromium (view_report.mjs), with
# puppeteer-core installed from npm into WORK_DIR. Skips (exit 77) with a message where
# Chromium, Node or the npm package cannot be had.
set -u
crossfoot="$1"; source="$2"; work="$3"
puppeteer=puppeteer-core@25.16.0  # pinned
chromium="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$chromium" ] || ! command -v node > /dev/null || ! command -v npm > /dev/null; then
  echo "SKIPPED: Chromium, node or npm is absent (Debian: chromium fonts-noto-cjk; Node.js with npm)"
  exit 77
fi
mkdir -p "$work"
if [ ! -d "$work/node_modules/puppeteer-core" ]; then
  if ! npm install --prefix "$work" --no-audit --no-fund "$puppeteer" > "$work/npm.log" 2>&1; then
    echo "SKIPPED: could not install $puppeteer from npm (see $work/npm.log)"
    exit 77
  fi
fi
cd "$source" || exit 1
"$crossfoot" check examples/changzhou-2024.toml --format html > "$work/changzhou-2024.html"
status=$?
if [ "$status" -ne 1 ]; then  # the example holds one inconsistent check
  echo "crossfoot check --format html exited $status, expected 1"
  exit 1
fi
cp "$(dirname "$0")/view_report.mjs" "$work/view_report.mjs"
node "$work/view_report.mjs" "$chromium" "$work/changzhou-2024.html" "$work"
