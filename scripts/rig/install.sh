#!/usr/bin/env bash
# Install Dovecot, Postfix, OpenSSL and the WBXML tools for the integration-test rig.
# Idempotent and non-interactive; a fast no-op when everything is already installed.
# The packaged daemons are never started (policy-rc.d exits 101); the rig runs private
# instances bound to 127.0.0.1 only (see start.sh).
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
PKGS=(dovecot-imapd dovecot-pop3d dovecot-lmtpd dovecot-submissiond postfix openssl libwbxml2-utils)

if [[ $(id -u) -ne 0 ]]; then
  echo "install.sh: must run as root" >&2
  exit 1
fi

# Keep Debian maintainer scripts from starting packaged daemons on all interfaces.
if [[ ! -x /usr/sbin/policy-rc.d ]] || ! grep -q 'exit 101' /usr/sbin/policy-rc.d; then
  if [[ -e /usr/sbin/policy-rc.d ]]; then
    echo "install.sh: /usr/sbin/policy-rc.d exists but does not exit 101; refusing to touch it" >&2
    exit 1
  fi
  printf '#!/bin/sh\n# Created by mailwire scripts/rig/install.sh: never start daemons from dpkg.\nexit 101\n' \
    > /usr/sbin/policy-rc.d
  chmod 755 /usr/sbin/policy-rc.d
fi

missing=()
for p in "${PKGS[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
  [[ $status == ii* ]] || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "install.sh: installing ${missing[*]}"
  # Postfix: "No configuration" so debconf never prompts and no system instance is set up.
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${PKGS[@]}"
else
  echo "install.sh: all packages present"
fi

# Belt and braces: stop any packaged (system-wide) daemon that may have been started anyway.
# Private rig instances use -c DIR/... and are left alone.
if [[ -s /run/dovecot/master.pid ]]; then
  pid=$(tr -d ' \n' < /run/dovecot/master.pid)
  if kill -0 "$pid" 2>/dev/null; then
    echo "install.sh: stopping packaged dovecot (pid $pid)"
    kill "$pid" || true
  fi
fi
if [[ -s /var/spool/postfix/pid/master.pid ]]; then
  pid=$(tr -d ' \n' < /var/spool/postfix/pid/master.pid)
  if kill -0 "$pid" 2>/dev/null; then
    echo "install.sh: stopping packaged postfix (pid $pid)"
    /usr/sbin/postfix stop >/dev/null 2>&1 || kill "$pid" || true
  fi
fi

for c in /usr/sbin/dovecot /usr/sbin/postfix /usr/lib/dovecot/dovecot-lda /usr/bin/openssl /usr/bin/xml2wbxml; do
  [[ -x $c ]] || { echo "install.sh: missing $c after install" >&2; exit 1; }
done
echo "install.sh: ok"
