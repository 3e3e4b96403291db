#!/usr/bin/env bash
# Cache lines and instructions per event of the symbol state, counted by a cache simulator instead of timed.
#
#   benchmarks/FlowSense.MarketData.Benchmarks/cachesim.sh [--symbols 1000] [--batch 1536] [--events 200000]
#
# Runs the state benchmark's tape (Symbols/SymbolTapeRun.cs) under valgrind's cachegrind twice, warm half only and
# warm plus measured half, and prints the difference per measured event: instructions, L1 data misses and last-level
# misses, for a 32 KB L1 and a 4 MB last level (about what this project's 2-core machines keep in cache). Over a
# thousand symbols the state's cost is mostly lines fetched from memory, and timings on a shared machine move by a
# third from minute to minute; these counts repeat to within about 1%, so a layout change shows as a count.
# The simulator knows nothing of hardware prefetch or memory-level parallelism: compare counts between builds, and
# confirm a gain in time with the state benchmark (--filter '*SymbolStateStream*') before claiming it.
# Needs valgrind (apt-get install -y valgrind). Each run takes about a minute; the two run side by side.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
args=("$@")
command -v valgrind > /dev/null || { echo "cachesim: valgrind is not installed; run: apt-get install -y valgrind" >&2; exit 1; }

dotnet build -c Release "$here" -v q -nologo > /dev/null
dll="$here/bin/Release/net10.0/FlowSense.MarketData.Benchmarks.dll"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# Fully optimized code from the first call (no tiering, so the two runs execute the same code), no W^X double
# mapping (valgrind does not follow it), a gen0 budget the tape never exhausts, and no address randomization.
export DOTNET_TieredCompilation=0 DOTNET_TieredPGO=0 DOTNET_EnableWriteXorExecute=0 DOTNET_GCgen0size=0x40000000
for mode in warm measure; do
  extra=()
  [[ "$mode" == measure ]] && extra=(--measure)
  setarch "$(uname -m)" -R valgrind --tool=cachegrind --cache-sim=yes --D1=32768,8,64 --LL=4194304,16,64 \
    --cachegrind-out-file=/dev/null dotnet "$dll" tape "${args[@]}" "${extra[@]}" > "$out/$mode.txt" 2>&1 &
done
wait

python3 - "$out" <<'PY'
import re, sys
folder = sys.argv[1]
def counts(mode):
    text = open(f"{folder}/{mode}.txt").read()
    def total(label):
        return int(re.search(label + r":\s+([\d,]+)", text).group(1).replace(",", ""))
    return text, total("I\s+refs"), total("D1\s+misses"), total("LLd misses")
warm, measured = counts("warm"), counts("measure")
events = int(re.search(r"measured (\d+)", measured[0]).group(1))
gcs = int(re.search(r"collections in the measured half (\d+)", measured[0]).group(1))
if gcs:
    sys.exit(f"cachesim: {gcs} collection(s) fell in the measured half, so the counts include the collector's; use fewer --events")
run = re.search(r"symbols \d+, events applied [\d,]*\d", measured[0]).group(0)
per = [(m - w) / events for m, w in zip(measured[1:], warm[1:])]
print(f"{run}; per measured event: {per[0]:,.0f} instructions, {per[1]:.2f} L1 data misses, {per[2]:.2f} last-level misses (32 KB L1, 4 MB LL)")
PY
