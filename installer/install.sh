#!/bin/sh
# install.sh: installs, or upgrades, the Sealift agent as a hardened systemd service on a host
# that does not take the .deb. Run it as root from an extracted distribution; it installs the
# distribution it came in (or --dist TARBALL).
#
#   install.sh --control-plane HOST:PORT --ca-fingerprint sha256:HEX --token TOKEN [--name NAME]
#   install.sh --control-plane HOST:PORT --ca-fingerprint sha256:HEX --token-file FILE|-
#   install.sh [--dist TARBALL]                 upgrade: keeps config, keys and enrollment
#   install.sh ... --root DIR [--no-enroll]     stage into DIR (an image): no host user, no systemctl
#
# What it does: creates the sealift system user; lays out /opt/sealift-agent (root, read-only),
# /etc/sealift (root:sealift 0750, agent.yaml 0640) and /var/lib/sealift-agent (sealift 0700);
# writes the config unless one exists; installs the units and the path allow-list drop-in;
# enrolls unless already enrolled; enables and starts the service. A second run with the same
# distribution changes nothing. The token is never printed and never on a command line it
# starts: the agent reads it from a 0600 file.
set -eu
umask 022

APP_PATH=/opt/sealift-agent
CONF_PATH=/etc/sealift/agent.yaml
STATE_PATH=/var/lib/sealift-agent
UNIT_PATH=/etc/systemd/system
USER_NAME=sealift

say() { printf 'install.sh: %s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 2; }
usage() { sed -n '2,/^set -eu/{/^set -eu/d;s/^# \{0,1\}//;p}' "$0"; }

control_plane= ca_fingerprint= token= token_file= name= root= no_enroll=false dist_archive=
while [ $# -gt 0 ]; do
    case "$1" in
        --control-plane) [ $# -ge 2 ] || die "$1 needs a value"; control_plane=$2; shift 2 ;;
        --ca-fingerprint) [ $# -ge 2 ] || die "$1 needs a value"; ca_fingerprint=$2; shift 2 ;;
        --token) [ $# -ge 2 ] || die "$1 needs a value"; token=$2; shift 2 ;;
        --token-file) [ $# -ge 2 ] || die "$1 needs a value"; token_file=$2; shift 2 ;;
        --name) [ $# -ge 2 ] || die "$1 needs a value"; name=$2; shift 2 ;;
        --root) [ $# -ge 2 ] || die "$1 needs a value"; root=$2; shift 2 ;;
        --dist) [ $# -ge 2 ] || die "$1 needs a value"; dist_archive=$2; shift 2 ;;
        --no-enroll) no_enroll=true; shift ;;
        -h|--help) usage; exit 0 ;;
        *) die "unknown option $1 (see --help)" ;;
    esac
done

# --- where things go --------------------------------------------------------------------------
if [ -n "$root" ]; then
    case "$root" in /*) ;; *) die "--root must be an absolute path, not $root" ;; esac
    [ "$root" != / ] || die "--root / is the host: leave --root out"
    mkdir -p "$root"
    root=$(cd "$root" && pwd -P)
fi
app=$root$APP_PATH
conf=$root$CONF_PATH
etc=$(dirname "$conf")
state=$root$STATE_PATH
units=$root$UNIT_PATH

if [ "$(id -u)" -ne 0 ]; then
    [ -n "$root" ] || die "run as root (or stage with --root DIR)"
    say "not root: files in $root keep your ownership instead of root and $USER_NAME"
fi
if [ -z "$root" ] && dpkg-query -W -f='${Status}' sealift-agent 2>/dev/null | grep -q 'ok installed'; then
    die "the sealift-agent .deb is installed here; upgrade it with apt instead"
fi

# --- the distribution to install --------------------------------------------------------------
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
if [ -n "$dist_archive" ]; then
    [ -f "$dist_archive" ] || die "--dist $dist_archive: no such file"
    tar -xzf "$dist_archive" -C "$work"
    dist=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'sealift-agent-*' | head -n 1)
    [ -n "$dist" ] || die "--dist $dist_archive: not a sealift-agent distribution"
else
    dist=$(cd "$(dirname "$0")" && pwd -P)
fi
for f in bin/sealift-agent bin/sealift-agent-paths runtime/bin/java share/systemd/sealift-agent.service \
         share/config/agent.yaml; do
    [ -e "$dist/$f" ] || die "$dist is not a sealift-agent distribution: $f is missing"
done

# --- arguments a fresh install needs ----------------------------------------------------------
fresh_config=false
[ -e "$conf" ] || fresh_config=true
if [ "$fresh_config" = true ]; then
    [ -n "$control_plane" ] || die "--control-plane HOST:PORT is required for a first install"
    [ -n "$ca_fingerprint" ] || die "--ca-fingerprint sha256:HEX is required for a first install"
fi
if [ -n "$control_plane" ] && ! printf '%s' "$control_plane" | grep -Eq '^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):[0-9]{1,5}$'; then
    die "--control-plane must be HOST:PORT, not $control_plane"
fi
if [ -n "$ca_fingerprint" ] && ! printf '%s' "$ca_fingerprint" | grep -Eq '^sha256:[0-9a-f]{64}$'; then
    die "--ca-fingerprint must be sha256: followed by 64 lowercase hex digits"
fi
[ -z "$token" ] || [ -z "$token_file" ] || die "give --token or --token-file, not both"
if [ -n "$token_file" ] && [ "$token_file" != - ] && [ ! -r "$token_file" ]; then
    die "--token-file $token_file: cannot read it"
fi
enrolled=false
[ -e "$state/agent.json" ] && enrolled=true
if [ "$no_enroll" = false ] && [ "$enrolled" = false ] && [ -z "$token" ] && [ -z "$token_file" ]; then
    die "--token or --token-file is required to enroll (or --no-enroll to enroll later)"
fi

# --- 1. the user ------------------------------------------------------------------------------
nologin=/usr/sbin/nologin
[ -x "$root/usr/sbin/nologin" ] || [ ! -x "$root/sbin/nologin" ] || nologin=/sbin/nologin

staged_id() {
    # The first id from 999 down that is neither a uid in passwd nor a gid in group.
    id=999
    while [ "$id" -ge 100 ]; do
        if ! awk -F: -v id="$id" '$3 == id { found = 1 } END { exit !found }' "$1/etc/passwd" "$1/etc/group"; then
            echo "$id"; return
        fi
        id=$((id - 1))
    done
    die "no free system id between 100 and 999 in $1/etc/passwd"
}

if [ -n "$root" ]; then
    mkdir -p "$root/etc"
    for db in passwd group; do [ -e "$root/etc/$db" ] || : > "$root/etc/$db"; done
    if ! grep -q "^$USER_NAME:" "$root/etc/passwd"; then
        gid=$(awk -F: -v n="$USER_NAME" '$1 == n { print $3 }' "$root/etc/group")
        [ -n "$gid" ] || { gid=$(staged_id "$root"); echo "$USER_NAME:x:$gid:" >> "$root/etc/group"; }
        echo "$USER_NAME:x:$gid:$gid:Sealift agent:$STATE_PATH:$nologin" >> "$root/etc/passwd"
        [ ! -f "$root/etc/shadow" ] || echo "$USER_NAME:!:::::::" >> "$root/etc/shadow"
        [ ! -f "$root/etc/gshadow" ] || grep -q "^$USER_NAME:" "$root/etc/gshadow" \
            || echo "$USER_NAME:!::" >> "$root/etc/gshadow"
        say "staged user $USER_NAME ($gid) in $root/etc/passwd"
    fi
    uid=$(awk -F: -v n="$USER_NAME" '$1 == n { print $3 }' "$root/etc/passwd")
    gid=$(awk -F: -v n="$USER_NAME" '$1 == n { print $4 }' "$root/etc/passwd")
else
    if ! getent passwd "$USER_NAME" >/dev/null; then
        useradd --system --user-group --home-dir "$STATE_PATH" --no-create-home \
            --shell "$nologin" --comment "Sealift agent" "$USER_NAME"
        say "created system user $USER_NAME"
    fi
    uid=$(id -u "$USER_NAME")
    gid=$(id -g "$USER_NAME")
fi

owner() {
    # owner USER GROUP PATH...: chown when we can (as root); staged installs by others keep theirs.
    o=$1; g=$2; shift 2
    if [ "$(id -u)" -eq 0 ]; then chown "$o:$g" "$@"; fi
}

# --- 2. the runtime, owned by root and read-only to everyone else -----------------------------
runtime_changed=false
if [ -d "$app" ] && diff -r -q "$dist" "$app" >/dev/null 2>&1; then
    say "$APP_PATH is up to date"
else
    mkdir -p "$(dirname "$app")"
    rm -rf "$app.new" "$app.old"
    cp -R -p "$dist" "$app.new"
    owner 0 0 -R "$app.new"
    chmod -R go-w "$app.new"
    [ ! -d "$app" ] || mv "$app" "$app.old"
    mv "$app.new" "$app"
    rm -rf "$app.old"
    runtime_changed=true
    say "installed $("$app/bin/sealift-agent" --version 2>/dev/null || echo sealift-agent) into $APP_PATH"
fi

# Command-line entry points for administrators.
for cmd in sealift-agent sealift-agent-paths; do
    wrapper=$root/usr/local/bin/$cmd
    [ "$cmd" = sealift-agent ] || wrapper=$root/usr/local/sbin/$cmd
    text=$(printf '#!/bin/sh\nexec %s/bin/%s "$@"\n' "$APP_PATH" "$cmd")
    if [ "$(cat "$wrapper" 2>/dev/null || true)" != "$text" ]; then
        mkdir -p "$(dirname "$wrapper")"
        printf '%s\n' "$text" > "$wrapper"
        chmod 0755 "$wrapper"
    fi
done

# --- 3. config (kept if it exists: it is the customer's approval boundary) and state ----------
mkdir -p "$etc"
owner 0 "$gid" "$etc"
chmod 0750 "$etc"
if [ "$fresh_config" = true ]; then
    sed -e "s|\"HOST:PORT\"|\"$control_plane\"|" -e "s|\"sha256:FINGERPRINT\"|\"$ca_fingerprint\"|" \
        -e '/^# After installing the .deb:/,/^#   3\./d' \
        "$dist/share/config/agent.yaml" > "$conf.new"
    owner 0 "$gid" "$conf.new"
    chmod 0640 "$conf.new"
    mv "$conf.new" "$conf"
    say "wrote $CONF_PATH"
else
    owner 0 "$gid" "$conf"
    chmod 0640 "$conf"
    say "kept $CONF_PATH"
fi
mkdir -p "$state"
owner "$uid" "$gid" "$state"
chmod 0700 "$state"

# --- 4. the units and the drop-ins ------------------------------------------------------------
units_changed=false
mkdir -p "$units"
for unit in sealift-agent.service sealift-agent-paths.service sealift-agent-paths.path; do
    if ! cmp -s "$dist/share/systemd/$unit" "$units/$unit"; then
        cp "$dist/share/systemd/$unit" "$units/$unit"
        chmod 0644 "$units/$unit"
        units_changed=true
    fi
done
if [ -z "$root" ] && systemctl --version 2>/dev/null | awk 'NR == 1 { exit !($2 >= 254) }'; then
    backoff=$units/sealift-agent.service.d/40-restart-backoff.conf
    if ! cmp -s "$dist/share/systemd/40-restart-backoff.conf" "$backoff"; then
        mkdir -p "$(dirname "$backoff")"
        cp "$dist/share/systemd/40-restart-backoff.conf" "$backoff"
        chmod 0644 "$backoff"
        units_changed=true
    fi
fi
if [ -n "$root" ]; then
    paths_output=$("$app/bin/sealift-agent-paths" --root "$root")
else
    paths_output=$("$app/bin/sealift-agent-paths")
fi
case "$paths_output" in wrote*) units_changed=true; say "wrote the path allow-list from $CONF_PATH" ;; esac

# --- 5. enrollment ----------------------------------------------------------------------------
if [ "$enrolled" = true ]; then
    say "already enrolled; keeping the keys in $STATE_PATH"
elif [ "$no_enroll" = true ]; then
    say "not enrolled (--no-enroll): enroll before starting the service"
else
    secrets=$(mktemp -d "${XDG_RUNTIME_DIR:-/tmp}/sealift-enroll.XXXXXX" 2>/dev/null || mktemp -d)
    trap 'rm -rf "$work" "$secrets"' EXIT INT TERM
    chmod 0700 "$secrets"
    if [ -n "$token" ]; then
        printf '%s\n' "$token" > "$secrets/token"
    elif [ "$token_file" = - ]; then
        cat > "$secrets/token"
    else
        cat "$token_file" > "$secrets/token"
    fi
    chmod 0600 "$secrets/token"
    set -- enroll --token-file "$secrets/token"
    [ -z "$name" ] || set -- "$@" --name "$name"
    if [ -n "$root" ]; then
        # The staged config names image paths; enroll with a private copy that names the staged state.
        sed "s|^stateDir:.*|stateDir: $state|" "$conf" > "$secrets/agent.yaml"
        chmod 0600 "$secrets/agent.yaml"
        status=0
        "$app/bin/sealift-agent" "$@" --config "$secrets/agent.yaml" || status=$?
        owner "$uid" "$gid" -R "$state"
    else
        owner "$uid" "$gid" "$secrets" "$secrets/token"
        status=0
        runuser -u "$USER_NAME" -- "$app/bin/sealift-agent" "$@" --config "$CONF_PATH" || status=$?
    fi
    rm -rf "$secrets"
    [ "$status" -eq 0 ] || { printf 'install.sh: enrollment failed (exit %s); fix the cause and run install.sh again\n' \
        "$status" >&2; exit "$status"; }
    enrolled=true
fi

# --- 6. enable and start ----------------------------------------------------------------------
if [ -n "$root" ]; then
    for link in multi-user.target.wants/sealift-agent.service paths.target.wants/sealift-agent-paths.path; do
        if [ ! -L "$units/$link" ]; then
            mkdir -p "$(dirname "$units/$link")"
            ln -s "$UNIT_PATH/$(basename "$link")" "$units/$link"
        fi
    done
    say "staged in $root; the service starts at the image's first boot"
elif [ ! -d /run/systemd/system ]; then
    # As the sealift user: run --service refuses root.
    say "systemd is not running here: start the agent with: runuser -u $USER_NAME -- $APP_PATH/bin/sealift-agent run --service --config $CONF_PATH"
else
    systemctl daemon-reload
    systemctl enable --quiet sealift-agent.service sealift-agent-paths.path
    systemctl start sealift-agent-paths.path
    if [ "$enrolled" = true ]; then
        if [ "$runtime_changed" = true ] || [ "$units_changed" = true ]; then
            systemctl restart sealift-agent.service
        else
            systemctl start sealift-agent.service
        fi
        say "sealift-agent is running: systemctl status sealift-agent; journalctl -u sealift-agent"
    else
        say "enroll, then: systemctl start sealift-agent"
    fi
fi
