#!/usr/bin/env bash
# Builds the libFuzzer targets in Tests/Fuzz with swiftc (-sanitize=fuzzer,address) and runs each for
# SECONDS. A crashing input is copied to Tests/Fixtures/fuzz/<target>/, where FuzzRegressionTests replays
# it on every `make test`; the script then fails. Corpora grow in .build-fuzz/ between runs.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   (all targets when none is named)
set -euo pipefail
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(CSVReader MoneyParser TimestampParser WorkbookText Pipeline)
cd "$(dirname "$0")/.."
out=.build-fuzz
mkdir -p "$out"
# Every target links ReconCore as SwiftPM builds it, with the fuzzer's instrumentation and -enable-testing
# (the targets use its internals), in a folder of its own; this prints the swiftc arguments that link it.
swiftpm_recon() {
    local scratch="$out/spm" bin
    swift build -c release --scratch-path "$scratch" --target ReconCore -Xswiftc -sanitize=fuzzer,address \
        -Xswiftc -enable-testing >&2
    bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)
    find "$bin" -name '*.o' \( -path '*/ReconCore.build/*' -o -path '*/Yams.build/*' -o -path '*/C*.build/*' \) -printf '%p '
    for map in "$bin"/C*.build/module.modulemap; do printf -- '-Xcc -fmodule-map-file=%s ' "$map"; done
    echo "-I$bin/Modules -I$scratch/checkouts/Yams/Sources/CYaml/include -ISources/CXlsxWriter -ISources/CZlib -lxlsxwriter -lz"
}
read -r -a recon <<< "$(swiftpm_recon)"
status=0
for target in "${targets[@]}"; do
    binary="$out/fuzz-$target"
    # Targets that share their checks with the tests compile the shared file with them.
    case $target in
        WorkbookText) support=(Tests/ReconCoreTests/Support/WorkbookTextRoundTrip.swift) ;;
        Pipeline) support=(Tests/ReconCoreTests/Support/PipelineFuzzRun.swift) ;;
        *) support=() ;;
    esac
    # The linker's notes about ASan's local symbols are noise; real errors still stop the script.
    swiftc -sanitize=fuzzer,address -parse-as-library -O "Tests/Fuzz/Fuzz$target.swift" "${support[@]}" "${recon[@]}" \
        -o "$binary" 2> >(grep -v "Cannot export local symbol" >&2)
    corpus="$out/corpus-$target"
    findings="Tests/Fixtures/fuzz/$target"
    mkdir -p "$corpus" "$findings"
    case $target in
        CSVReader) cp SampleData/*.csv Tests/Fixtures/hostile/*.csv "$corpus/" 2>/dev/null || true ;;
        Pipeline) cp Tests/Fixtures/fuzz/Pipeline/seed-* "$corpus/" ;;
        MoneyParser) for v in 23.40 1500 -45 .5 1e9 "1,5" 12.345 99999999999999999999; do printf '%s' "$v" > "$corpus/seed-$(printf '%s' "$v" | md5sum | cut -c1-8)"; done ;;
        WorkbookText) for v in "Ana Lima" "_x0041_" "a_x000D_b" "tab	and
line" "Żółć 東京 🙂" "&<>\"'"; do printf '%s' "$v" > "$corpus/seed-$(printf '%s' "$v" | md5sum | cut -c1-8)"; done
                      printf 'U+FFFE \xef\xbf\xbe U+FFFF \xef\xbf\xbf NUL \0 ESC \x1b CR \r' > "$corpus/seed-forbidden" ;;
        TimestampParser) for v in 2026-03-01 2026-03-01T10:22:33Z "2026-03-01 10:22:33 -0500" 2026-03-01T10:22:33.125+09:00 2026-02-30; do printf '%s' "$v" > "$corpus/seed-$(printf '%s' "$v" | md5sum | cut -c1-8)"; done ;;
    esac
    log="$out/fuzz-$target.log"
    if ! (cd "$out" && "./fuzz-$target" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
            -artifact_prefix="../$findings/" "corpus-$target" > "fuzz-$target.log" 2>&1); then
        status=1
        echo "fuzz: $target found a failing input; see $log and $findings/"
    fi
    runs=$(grep -oE 'Done [0-9]+ runs' "$log" | tail -1 || true)
    found=$(find "$findings" -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' | wc -l)
    echo "fuzz: $target: ${runs:-no summary} in ${seconds}s, corpus $(ls "$corpus" | wc -l) inputs, failing inputs kept: $found"
done
exit $status
