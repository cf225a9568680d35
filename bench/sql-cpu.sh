#!/usr/bin/env bash
# Database CPU per transaction of pgbench scripts, measured in interleaved rounds: for judging a
# change to SQL (a function in R__*.sql, an index) on a shared machine, where the load
# benchmark's throughput and latency move more between runs than a small change does.
#
#   bench/sql-cpu.sh [-d database] [-r rounds=3] [-T seconds=5] script.sql [script.sql ...]
#
# Each round runs every script once through pgbench -c 1 -M prepared as the service's login role
# (copilot_metrics_app); the CPU is what the backends used (the postmaster's reaped children,
# utime + stime in /proc/<postmaster>/stat), so time spent waiting for a core is not counted.
# The load benchmark writes the scripts it uses to target/bench/pgbench-<query>.sql; to compare
# two versions of a function, run one script, replace the function, run again (or give two
# scripts calling two names). Prints each round and the median per script. Local server only,
# and nothing else connecting meanwhile: every backend that exits during a run is counted.
set -euo pipefail

database=copilot_metrics_bench_1
rounds=3
seconds=5
while getopts "d:r:T:" option; do
    case $option in
        d) database=$OPTARG ;;
        r) rounds=$OPTARG ;;
        T) seconds=$OPTARG ;;
        *) sed -n '6p' "$0"; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || { sed -n '6p' "$0"; exit 2; }

host=${PGHOST:-127.0.0.1}
port=${PGPORT:-5432}
postmaster=$(psql -h "$host" -p "$port" -U "${PGUSER:-postgres}" -d "$database" -Atc \
    "SELECT split_part(pg_read_file('postmaster.pid'), E'\n', 1)")
ticks_per_second=$(getconf CLK_TCK)
children_ticks() { awk '{ print $16 + $17 }' "/proc/$postmaster/stat"; }

declare -A results
for round in $(seq "$rounds"); do
    for script in "$@"; do
        before=$(children_ticks)
        transactions=$(pgbench -h "$host" -p "$port" -U copilot_metrics_app -n -M prepared -c 1 -T "$seconds" \
            -f "$script" "$database" 2>&1 | awk '/number of transactions actually processed/ { split($NF, n, "/"); print n[1] }')
        sleep 0.5  # the backend has exited and been reaped
        after=$(children_ticks)
        ms=$(awk -v t="$((after - before))" -v hz="$ticks_per_second" -v n="$transactions" \
            'BEGIN { printf "%.3f", t * 1000 / hz / n }')
        printf 'round %s  %-50s %8s ms database CPU per transaction (%s transactions)\n' \
            "$round" "$(basename "$script")" "$ms" "$transactions"
        results[$script]="${results[$script]:-} $ms"
    done
done
for script in "$@"; do
    # shellcheck disable=SC2086
    median=$(printf '%s\n' ${results[$script]} | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
    printf 'median   %-50s %8s ms\n' "$(basename "$script")" "$median"
done
