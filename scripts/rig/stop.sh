#!/usr/bin/env bash
# Stop the private Dovecot and Postfix started by scripts/rig/start.sh DIR, by pid.
# Idempotent: exits 0 when nothing is running. Waits (bounded) until both are gone.
#
#   scripts/rig/stop.sh DIR
set -euo pipefail

log() { echo "rig/stop: $*" >&2; }

[[ $# -ge 1 && -n $1 ]] || { log "usage: stop.sh DIR"; exit 2; }
if [[ ! -d $1 ]]; then log "no such directory $1; nothing to stop"; exit 0; fi
DIR=$(cd "$1" && pwd -P)

DOVECOT_PID=$DIR/run/master.pid
POSTFIX_CONF=$DIR/postfix/etc
POSTFIX_PID=$DIR/postfix/spool/pid/master.pid

# Prints the pid from FILE if that process is alive and its command matches PATTERN.
live_pid() { # file pattern
  local pid
  [[ -s $1 ]] || return 1
  pid=$(tr -d ' \n' < "$1")
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$2" || return 1
  echo "$pid"
}

# Waits up to 10 s for PID to exit, then sends SIGKILL.
wait_gone() { # pid name
  local i
  for ((i = 0; i < 100; i++)); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.1
  done
  log "$2 (pid $1) still running after 10 s; sending KILL"
  kill -KILL "$1" 2>/dev/null || true
  sleep 0.2
}

if pid=$(live_pid "$POSTFIX_PID" master); then
  log "stopping postfix (pid $pid)"
  /usr/sbin/postfix -c "$POSTFIX_CONF" stop >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
  wait_gone "$pid" postfix
fi

if pid=$(live_pid "$DOVECOT_PID" dovecot); then
  log "stopping dovecot (pid $pid)"
  kill "$pid" 2>/dev/null || true
  wait_gone "$pid" dovecot
fi
exit 0
