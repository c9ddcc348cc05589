#!/usr/bin/env bash
# Installs the Debian packages the test suite talks to (real peers on 127.0.0.1), and gcc for the
# power-cut shim (test/fixtures/foundation/powercut.c).
# Idempotent: packages already present are left alone.
set -euo pipefail
pkgs=(mosquitto snmp snmpd snmpsim cups-ipp-utils prometheus prometheus-alertmanager avahi-daemon dbus chromium fonts-wqy-zenhei poppler-utils prometheus-snmp-exporter wrk gcc libc6-dev)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Services must not start on install: the tests start their own peers on loopback.
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  rm -f /usr/sbin/policy-rc.d
fi
