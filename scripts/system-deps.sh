#!/usr/bin/env bash
# System packages the tests need that pip cannot provide: Debian's Chromium (browser tests
# drive it with Playwright; no browser is ever downloaded) and poppler-utils (PDF checks).
# Installs them when missing and we can (root or passwordless sudo); otherwise says what
# to install, and the browser tests will fail with the same message.
set -euo pipefail
need=()
[ -x /usr/lib/chromium/chromium ] || need+=(chromium)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  apt_get=(apt-get)
elif sudo -n true 2>/dev/null; then
  apt_get=(sudo -n apt-get)
else
  echo "planlink tests need: ${need[*]} — install with: sudo apt-get install -y ${need[*]}" >&2
  exit 0
fi
echo "installing system packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
"${apt_get[@]}" update -qq
"${apt_get[@]}" install -y -qq --no-install-recommends "${need[@]}" >/dev/null
