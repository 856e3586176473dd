#!/usr/bin/env bash
# Layout cost by graph shape: chain, star, grid, tree and the scale-free benchmark graph of the
# same size, in one run, with each shape's ratio to the scale-free graph (see README.md).
# usage: DEPDIG=target/release/depdig [KIT=../shared/bench] [QUALITY=1] [KEEP=1] benches/shapes.sh [N]
# N defaults to 10000. Progress goes to stderr, the markdown table to stdout.
set -uo pipefail
N=${1:-10000}
TICKS=300
HERE=$(cd "$(dirname "$0")" && pwd)
KIT=${KIT:-$HERE/../../shared/bench}
DEPDIG=${DEPDIG:-$HERE/../target/release/depdig}
log() { echo "[shapes] $*" >&2; }
die() { echo "shapes.sh: $*" >&2; exit 1; }
[ -x "$DEPDIG" ] || die "no depdig binary at $DEPDIG (cargo build --release, or set DEPDIG)"
[ -f "$KIT/gen_graph.py" ] || die "no gen_graph.py in KIT=$KIT"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/depdig-shapes.XXXXXX")
if [ -n "${KEEP:-}" ]; then log "keeping files in $WORK"; else trap 'rm -rf "$WORK"' EXIT; fi

now() { date +%s.%N; }
get() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; } # get KEY "k=v k2=v2"

SHAPES=(random chain star grid tree)
declare -A MS EXPORT EDGES QUAL
for shape in "${SHAPES[@]}"; do
  if [ "$shape" = random ]; then
    python3 "$KIT/gen_graph.py" "$N" "$WORK" >&2 || die "gen_graph.py failed"
    base=$WORK/g$N
  else
    python3 "$KIT/gen_graph.py" "$N" "$WORK" --shape "$shape" >&2 || die "gen_graph.py failed"
    base=$WORK/${shape}_$N
  fi
  "$DEPDIG" import --nodes "$base.nodes.csv" --edges "$base.edges.csv" -o "$base.ron" >/dev/null ||
    die "depdig import failed for $shape"
  log "$shape: layout --ticks $TICKS"
  out=$("$DEPDIG" layout "$base.ron" --ticks $TICKS --positions "$base.pos.csv") ||
    die "depdig layout failed for $shape"
  last=$(tail -n1 <<<"$out")
  MS[$shape]=$(get ms_per_tick "$last")
  EDGES[$shape]=$(get edges "$last")
  log "$shape: export (no saved positions, so it lays out until settled)"
  t0=$(now)
  "$DEPDIG" export "$base.ron" -o "$base.svg" >/dev/null || die "depdig export failed for $shape"
  t1=$(now)
  EXPORT[$shape]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  if [ -n "${QUALITY:-}" ]; then
    QUAL[$shape]=$(python3 "$KIT/quality.py" "$base.nodes.csv" "$base.edges.csv" "$base.pos.csv") ||
      die "quality.py failed for $shape"
  fi
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2f", a / b; else print "-" }'; }
echo "| shape | nodes | edges | layout ms/tick | ÷ random | export s | ÷ random |${QUALITY:+ quality (300 ticks) |}"
echo "|---|---:|---:|---:|---:|---:|---:|${QUALITY:+---|}"
for shape in "${SHAPES[@]}"; do
  row="| $shape | $N | ${EDGES[$shape]} | ${MS[$shape]} | $(ratio "${MS[$shape]}" "${MS[random]}")"
  row+=" | ${EXPORT[$shape]} | $(ratio "${EXPORT[$shape]}" "${EXPORT[random]}") |"
  [ -n "${QUALITY:-}" ] && row+=" ${QUAL[$shape]} |"
  echo "$row"
done
