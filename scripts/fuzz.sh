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
S=Sources/ReconCore
out=.build-fuzz
mkdir -p "$out"
# The model without its report rows, which need the matcher.
model=()
for f in "$S"/Model/*.swift; do [ "$f" = "$S/Model/RefundRows.swift" ] || model+=("$f"); done
common=("${model[@]}" "$S"/Normalise/MoneyParser.swift "$S"/Normalise/TimestampParser.swift "$S"/Support/ReconError.swift "$S"/Support/DecimalBytes.swift "$S"/Support/TextNumbering.swift
        "$S"/Support/RejectStop.swift "$S"/Normalise/CardMasker.swift)
csv=("$S"/Ingest/CSVReader.swift "$S"/Ingest/CSVRecord.swift "$S"/Support/FileIO.swift "$S"/Support/SHA256.swift "$S"/Support/BackgroundHasher.swift)
workbook=("$S"/Xlsx/*.swift "$S"/Report/Cell.swift "$S"/Report/OrderLink.swift "$S"/Report/WorkbookWriter.swift
          Tests/ReconCoreTests/Support/WorkbookTextRoundTrip.swift)
# Builds the C target Sources/$1 (its .c files and include/ headers) with a module map of its own, and
# prints the swiftc arguments that use it.
c_target() {
    local dir="$out/$1"
    mkdir -p "$dir"
    { printf 'module %s {\n' "$1"
      for h in Sources/"$1"/include/*.h; do printf '    header "%s"\n' "$PWD/$h"; done
      printf '    export *\n}\n'; } > "$dir/module.modulemap"
    for c in Sources/"$1"/*.c; do
        clang -c -O2 -fsanitize=address -ISources/"$1"/include "$c" -o "$dir/$(basename "$c" .c).o"
        printf '%s ' "$dir/$(basename "$c" .c).o"
    done
    echo "-I$dir"
}
# The whole pipeline needs all of ReconCore and the packages it imports (Yams): SwiftPM builds them with the
# fuzzer's instrumentation in a folder of their own, and this prints the swiftc arguments that link them.
swiftpm_recon() {
    local scratch="$out/spm" bin
    swift build -c release --scratch-path "$scratch" --target ReconCore -Xswiftc -sanitize=fuzzer,address >&2
    bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)
    find "$bin" -name '*.o' \( -path '*/ReconCore.build/*' -o -path '*/Yams.build/*' -o -path '*/C*.build/*' \) -printf '%p '
    for map in "$bin"/C*.build/module.modulemap; do printf -- '-Xcc -fmodule-map-file=%s ' "$map"; done
    echo "-I$bin/Modules -I$scratch/checkouts/Yams/Sources/CYaml/include -ISources/CXlsxWriter -ISources/CZlib -lxlsxwriter -lz"
}
status=0
for target in "${targets[@]}"; do
    binary="$out/fuzz-$target"
    sources=("${common[@]}")
    extra=()
    case $target in
        CSVReader)
            sources+=("${csv[@]}")
            read -r -a extra <<< "$(c_target CCSVScan) $(c_target CSHA256)" ;;
        WorkbookText)
            # Real workbooks: libxlsxwriter and zlib through their module maps.
            sources+=("${workbook[@]}")
            read -r -a extra <<< "-ISources/CXlsxWriter -ISources/CZlib -lxlsxwriter -lz" ;;
        Pipeline)
            sources=(Tests/ReconCoreTests/Support/PipelineFuzzRun.swift)
            read -r -a extra <<< "$(swiftpm_recon)" ;;
    esac
    # The linker's notes about ASan's local symbols are noise; real errors still stop the script.
    swiftc -sanitize=fuzzer,address -parse-as-library -O -package-name recon "Tests/Fuzz/Fuzz$target.swift" "${sources[@]}" \
        "${extra[@]}" -o "$binary" 2> >(grep -v "Cannot export local symbol" >&2)
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
