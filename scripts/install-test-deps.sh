#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine: the package with its
# test extras, Debian's chromium (browser tests; never `playwright install`) and
# poppler-utils (pdftotext for the print test), Node.js (the search reader's unit tests).
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v node >/dev/null 2>&1 || need+=(nodejs)  # runs the search reader (dvk-index.js) in unit tests
fc-list 2>/dev/null | grep -qi "noto" || need+=(fonts-noto-core)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
python3 -m pip install -q --disable-pip-version-check -e '.[test]'
