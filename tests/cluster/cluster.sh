#!/usr/bin/env bash
# A one-node SLURM cluster on this machine, for `make test-cluster`:
#   cluster.sh start   install Debian's slurm-wlm and munge where missing, then start munged,
#                      slurmctld and slurmd (does nothing if this cluster is already up)
#   cluster.sh stop    cancel this cluster's jobs, stop the three daemons (safe to repeat)
#   cluster.sh env     print the line that points SLURM commands at this cluster
# Everything lives in $RURALREV_SLURM_DIR (default /tmp/ruralrev-slurm): the configuration made
# from slurm.conf beside this script, a munge key and socket of its own, state, pids and logs.
# Needs root: slurmd starts each job as the user who submitted it.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
RUNDIR="${RURALREV_SLURM_DIR:-/tmp/ruralrev-slurm}"
export SLURM_CONF="$RUNDIR/slurm.conf"
PACKAGES="slurm-wlm munge"
COMMANDS="munged mungekey slurmctld slurmd sbatch squeue sinfo scontrol scancel srun"
# The executor plugin runs each job's command through `srun` with SLURM_CONF removed from its
# environment; srun then reads /etc/slurm/slurm.conf or, failing that, this file (where a
# configless slurmd keeps its copy). It is linked to this cluster's configuration while it runs.
CONF_LINK=/run/slurm/conf/slurm.conf

say() { echo "cluster: $*" >&2; }

missing_commands() {
    local command
    for command in $COMMANDS; do command -v "$command" > /dev/null || echo "$command"; done
}

install() {
    [ -z "$(missing_commands)" ] && return 0
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get > /dev/null; then
        say "missing: $(missing_commands | xargs); install Debian's $PACKAGES (needs root and apt-get)"
        exit 1
    fi
    say "installing Debian packages: $PACKAGES"
    apt-get update -qq > /dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $PACKAGES > /dev/null
}

configure() {
    local cpus memory
    cpus="$(nproc)"
    memory="$(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo)"
    mkdir -p "$RUNDIR/slurmctld" "$RUNDIR/slurmd"
    chmod 700 "$RUNDIR"
    sed -e "s|@RUNDIR@|$RUNDIR|g" -e "s|@USER@|$(id -un)|g" -e "s|@CPUS@|$cpus|g" -e "s|@MEMORY@|$memory|g" \
        "$HERE/slurm.conf" > "$SLURM_CONF"
    # A key of this cluster's own: no system munge key is read or changed.
    [ -f "$RUNDIR/munge.key" ] || mungekey --create --keyfile="$RUNDIR/munge.key"
    chmod 600 "$RUNDIR/munge.key"
    if [ -e /etc/slurm/slurm.conf ]; then
        say "/etc/slurm/slurm.conf exists: this machine has a SLURM set-up of its own; run the workflow there"
        exit 1
    fi
    if [ -e "$CONF_LINK" ] && [ "$(readlink "$CONF_LINK")" != "$SLURM_CONF" ]; then
        say "$CONF_LINK belongs to another SLURM set-up; leaving it alone"
        exit 1
    fi
    mkdir -p "$(dirname "$CONF_LINK")"
    ln -sfn "$SLURM_CONF" "$CONF_LINK"
}

pid_alive() { [ -f "$RUNDIR/$1" ] && kill -0 "$(cat "$RUNDIR/$1")" 2> /dev/null; }
controller_up() { scontrol ping 2> /dev/null | grep -q "is UP"; }
node_ready() { case "$(sinfo --noheader --nodes=localhost --format=%t 2> /dev/null)" in idle | mix | alloc) return 0 ;; *) return 1 ;; esac; }

wait_for() {  # wait_for SECONDS WHAT COMMAND...
    local seconds="$1" what="$2"
    shift 2
    for _ in $(seq "$seconds"); do
        "$@" && return 0
        sleep 1
    done
    say "$what not ready after ${seconds}s; see the logs in $RUNDIR"
    return 1
}

start() {
    if [ "$(id -u)" -ne 0 ]; then
        say "needs root (slurmd starts jobs as their users)"
        exit 1
    fi
    install
    if pid_alive slurmctld.pid && pid_alive slurmd.pid && node_ready; then
        say "already running ($RUNDIR)"
        return 0
    fi
    stop 2> /dev/null
    configure
    munged --force --socket="$RUNDIR/munge.socket" --key-file="$RUNDIR/munge.key" \
        --pid-file="$RUNDIR/munged.pid" --log-file="$RUNDIR/munged.log" --seed-file="$RUNDIR/munged.seed"
    slurmctld -f "$SLURM_CONF" -i
    slurmd -f "$SLURM_CONF" -N localhost
    wait_for 60 "slurmctld" controller_up
    wait_for 60 "node localhost" node_ready
    say "up: $(sinfo --noheader --format='partition %P, %D node, %c cpus, %m MB')"
}

stop_daemon() {  # stop_daemon PIDFILE: TERM, then KILL after 10 s
    local pid
    [ -f "$RUNDIR/$1" ] || return 0
    pid="$(cat "$RUNDIR/$1")"
    if kill -0 "$pid" 2> /dev/null; then
        kill -TERM "$pid" 2> /dev/null || true
        for _ in $(seq 20); do
            kill -0 "$pid" 2> /dev/null || break
            sleep 0.5
        done
        kill -KILL "$pid" 2> /dev/null || true
    fi
    rm -f "$RUNDIR/$1"
}

stop() {
    if pid_alive slurmctld.pid; then scancel --full --user="$(id -un)" 2> /dev/null || true; fi
    stop_daemon slurmd.pid
    stop_daemon slurmctld.pid
    stop_daemon munged.pid
    if [ -L "$CONF_LINK" ] && [ "$(readlink "$CONF_LINK")" = "$SLURM_CONF" ]; then
        rm -f "$CONF_LINK"
        rmdir "$(dirname "$CONF_LINK")" "$(dirname "$(dirname "$CONF_LINK")")" 2> /dev/null || true
    fi
    say "stopped"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    env) echo "export SLURM_CONF=$SLURM_CONF" ;;
    *)
        echo "usage: $0 start|stop|env" >&2
        exit 2
        ;;
esac
