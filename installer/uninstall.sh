#!/bin/sh
# uninstall.sh: removes what install.sh installed.
#
#   uninstall.sh [--purge] [--root DIR]
#
# Without --purge it keeps /etc/sealift (the config) and /var/lib/sealift-agent (the agent's
# keys and enrollment), so installing again picks up where it left off. --purge deletes them
# too, and the sealift user and group. Running it twice is harmless.
set -eu

APP_PATH=/opt/sealift-agent
USER_NAME=sealift

say() { printf 'uninstall.sh: %s\n' "$*"; }
die() { printf 'uninstall.sh: %s\n' "$*" >&2; exit 2; }

purge=false root=
while [ $# -gt 0 ]; do
    case "$1" in
        --purge) purge=true; shift ;;
        --root) [ $# -ge 2 ] || die "$1 needs a value"; root=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -eu/{/^set -eu/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
done
if [ -n "$root" ]; then
    case "$root" in /*) ;; *) die "--root must be an absolute path, not $root" ;; esac
    [ -d "$root" ] || die "--root $root: no such directory"
elif [ "$(id -u)" -ne 0 ]; then
    die "run as root (or give --root DIR for a staged install)"
elif dpkg-query -W -f='${Status}' sealift-agent 2>/dev/null | grep -q 'ok installed'; then
    die "the sealift-agent .deb is installed here: apt remove sealift-agent (or apt purge)"
fi

units=$root/etc/systemd/system
if [ -z "$root" ] && [ -d /run/systemd/system ]; then
    systemctl disable --now --quiet sealift-agent.service sealift-agent-paths.path 2>/dev/null || true
fi
rm -f "$units/sealift-agent.service" "$units/sealift-agent-paths.service" "$units/sealift-agent-paths.path" \
      "$units/multi-user.target.wants/sealift-agent.service" "$units/paths.target.wants/sealift-agent-paths.path"
rm -rf "$units/sealift-agent.service.d"
rm -f "$root/usr/local/bin/sealift-agent" "$root/usr/local/sbin/sealift-agent-paths"
rm -rf "$root$APP_PATH" "$root$APP_PATH.new" "$root$APP_PATH.old"
if [ -z "$root" ] && [ -d /run/systemd/system ]; then
    systemctl daemon-reload
fi
say "removed the agent, its units and $APP_PATH"

if [ "$purge" = false ]; then
    say "kept /etc/sealift and /var/lib/sealift-agent (config and keys); --purge deletes them"
    exit 0
fi
rm -rf "$root/etc/sealift" "$root/var/lib/sealift-agent"
if [ -n "$root" ]; then
    for db in passwd group shadow gshadow; do
        if [ -f "$root/etc/$db" ] && grep -q "^$USER_NAME:" "$root/etc/$db"; then
            sed -i "/^$USER_NAME:/d" "$root/etc/$db"
        fi
    done
elif getent passwd "$USER_NAME" >/dev/null; then
    userdel "$USER_NAME"
    ! getent group "$USER_NAME" >/dev/null || groupdel "$USER_NAME"
fi
say "purged /etc/sealift, /var/lib/sealift-agent and the $USER_NAME user"
