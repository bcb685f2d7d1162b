# Sourced at the top of a benchmark script (`. "$(dirname "$0")/own-session.sh"`): re-runs the script in a session of
# its own. A shared machine schedules per session (autogroup), so `nice` alone cannot outweigh other sessions' work
# on the pinned cores; in its own session the benchmark can be given a high priority (when allowed). Ctrl+C and
# SIGTERM reach the whole new session.
if [[ -z "${HLSSWARM_BENCH_SESSION:-}" ]] && command -v setsid >/dev/null; then
  export HLSSWARM_BENCH_SESSION=1
  setsid --wait "$0" "$@" &
  child=$!
  trap 'kill -TERM -- "-$child" 2>/dev/null' INT TERM
  wait "$child"
  exit $?
fi

# "${PRIO[@]}" goes before the pinned processes: nice -15 when allowed (root or CAP_SYS_NICE), else nothing and a warning.
PRIO=()
if nice -n -15 true 2>/dev/null; then PRIO=(nice -n -15); else echo "[$(basename "$0" .sh)] cannot raise priority (nice -15): other load on the machine will show in the results" >&2; fi
