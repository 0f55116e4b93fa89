#!/bin/sh
# tests/memory/bounded.sh CROSSFOOT GEN_LEDGER: every command runs within a stated address
# space (prlimit --as) on large and endless input, and ends with its answer or a refusal
# (exit 0 or 2), never an allocation failure (exit 3). The limits are those of
# docs/reliability.md; run on the release build only (a sanitizer reserves terabytes of
# address space for its shadow memory).
set -u
crossfoot="$1"
gen_ledger="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failed=0

# expect STATUS LIMIT_MIB DESCRIPTION COMMAND...: the command, under LIMIT_MIB of address
# space, exits with STATUS.
expect() {
  status="$1"; limit="$2"; what="$3"; shift 3
  prlimit --as=$((limit * 1024 * 1024)) "$@" > "$work/out" 2> "$work/err"
  got=$?
  if [ "$got" -ne "$status" ]; then
    echo "FAIL: $what: exit $got, expected $status, under ${limit} MiB"
    tail -3 "$work/err"
    failed=1
  else
    echo "ok: $what (exit $got under ${limit} MiB)"
  fi
}

"$gen_ledger" 1000000 csv > "$work/ledger.csv"
expect 0 1024 "aggregate 10^6 rows (42 MB), 2 threads" \
  "$crossfoot" aggregate "$work/ledger.csv" --by region --threads 2
expect 0 1024 "aggregate 10^6 rows from a pipe, 2 threads" \
  sh -c "cat '$work/ledger.csv' | '$crossfoot' aggregate - --by region --threads 2"
expect 2 512 "aggregate /dev/zero" "$crossfoot" aggregate /dev/zero --by region
expect 2 1024 "extract 1 GiB of one line on a pipe" \
  sh -c "head -c 1073741824 /dev/zero | tr '\\000' x | '$crossfoot' extract -"
i=0
: > "$work/doc.txt"
while [ $i -lt 2000 ]; do
  echo "Signed 42 projects worth 39.7 billion yuan, including 1.16 billion USD, up 12.5% on 2023." >> "$work/doc.txt"
  i=$((i + 1))
done
for copy in 1 2 3 4 5 6 7; do cat "$work/doc.txt" "$work/doc.txt" > "$work/doc2.txt"; mv "$work/doc2.txt" "$work/doc.txt"; done
expect 0 1024 "extract a 24 MB document" "$crossfoot" extract "$work/doc.txt"
expect 1 256 "check the bundled example (one check inconsistent: exit 1)" \
  "$crossfoot" check "$(dirname "$0")/../../examples/changzhou-2024.toml"
exit $failed
