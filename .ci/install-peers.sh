#!/usr/bin/env bash
# Installs the real peers the interop tests talk to over loopback (issues 5 and 8). Run by
# .ci/test before the tests; idempotent, so a second run costs seconds. A peer that cannot
# be installed fails here: in CI a missing peer is a failure, not a skip.
#
#   kannel      Debian's Kannel 1.4.5 (bearerbox + smsbox): SMPP and EMI client drivers
#   smpp        the npm package smpp@0.5.1: an SMPP client and server for Node.js
#   smpplib     the PyPI package smpplib==2.2.4: a Python SMPP client
set -euo pipefail
cd "$(dirname "$0")/.."
peers=.ci/peers
mkdir -p "$peers"

if ! command -v bearerbox >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    # The package's init script would start a system bearerbox on the ports the tests
    # use; keep services down while installing (policy-rc.d, Debian policy §9.3.3.1).
    printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
    $sudo chmod +x /usr/sbin/policy-rc.d
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends kannel >/dev/null
    $sudo rm -f /usr/sbin/policy-rc.d
fi
command -v bearerbox >/dev/null && command -v smsbox >/dev/null

if [ ! -f "$peers/node_modules/smpp/package.json" ]; then
    npm install --prefix "$peers" --no-audit --no-fund --silent smpp@0.5.1
fi
node -e "require('./$peers/node_modules/smpp')"

if ! python3 -c 'import smpplib' 2>/dev/null; then
    python3 -m pip install --quiet --disable-pip-version-check smpplib==2.2.4
fi
python3 -c 'import smpplib'
