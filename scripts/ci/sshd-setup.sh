#!/usr/bin/env bash
# Makes OpenSSH's sshd available for the OpenSSH SFTP suite (test/transport/sftp-openssh.int.test.ts).
#
# The suite starts its own sshd on 127.0.0.1 with a free port, a temp config, a temp host key and key
# authentication for the current user (AuthorizedKeysFile in its temp folder), so no system sshd is started
# here, no port 22 is used and no user is created. This script only:
#   - installs Debian's openssh-server when /usr/sbin/sshd is missing (as root, non-interactive);
#   - creates /run/sshd (sshd's privilege-separation directory, which it refuses to start without).
# It exits 0 when sshd is usable, 1 when it is not (so the caller can decide whether to turn the suite on).
set -euo pipefail

SSHD=/usr/sbin/sshd

if [ ! -x "$SSHD" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "sshd-setup: $SSHD is missing and this is not root: not installing openssh-server" >&2
    exit 1
  fi
  echo "sshd-setup: installing openssh-server"
  export DEBIAN_FRONTEND=noninteractive
  # Keep the package's maintainer scripts from starting a system sshd on port 22.
  policy=/usr/sbin/policy-rc.d
  added_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    added_policy=1
  fi
  cleanup() { if [ "$added_policy" = 1 ]; then rm -f "$policy"; fi; }
  trap cleanup EXIT
  apt-get update -q || true
  apt-get install -y -q --no-install-recommends openssh-server
fi

if [ "$(id -u)" -eq 0 ]; then
  mkdir -p /run/sshd
  chmod 755 /run/sshd
fi

if [ ! -x "$SSHD" ]; then
  echo "sshd-setup: $SSHD is still missing" >&2
  exit 1
fi
"$SSHD" -V 2>&1 | head -n 1 || true
echo "sshd-setup: sshd is ready"
