# Shared by the benchmark scripts: replace_section NAME FILE puts FILE (which begins with
# <!-- bench:NAME:start --> and ends with <!-- bench:NAME:end -->) into docs/benchmarks.md in place
# of the section of that name, or appends it when there is none. Needs DOC and WORK set.
replace_section() {
    local name="$1" section="$2"
    if grep -q "<!-- bench:$name:start -->" "$DOC" && grep -q "<!-- bench:$name:end -->" "$DOC"; then
        awk -v section="$section" -v start="<!-- bench:$name:start -->" -v end="<!-- bench:$name:end -->" '
            $0 == start { while ((getline line < section) > 0) print line; skip = 1; next }
            $0 == end   { skip = 0; next }
            !skip { print }
        ' "$DOC" >"$WORK/benchmarks.md"
        cat "$WORK/benchmarks.md" >"$DOC"
    else
        { echo; cat "$section"; } >>"$DOC"
    fi
}
