# meta/fuzz_flags.sh: the fuzz build's flags (make print-fuzz-cflags) on a
# harness with undefined behaviour on every input: the run must stop with a
# non-zero exit (without -fno-sanitize-recover=all it reports and exits 0, as
# `make fuzz` once did). Also: the tools the tests call are in the Makefile's
# package list.
. tests/lib.sh
plan 5
scratch
cat > "$T/ub.c" <<'C'
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    volatile int x = 2147483647;
    x += (int)(size & 1) + 1;   /* signed overflow on every input */
    return x == 0 && data;
}
C
# (MAKEFLAGS cleared: under `make test` the inner make would warn about the jobserver)
flags=$(MAKEFLAGS= make -s print-fuzz-cflags)
expect_match "fuzz: the fuzz build stops at the first sanitizer report" "$flags" "(^| )-fno-sanitize-recover=all( |$)"
clang $flags -o "$T/ub" "$T/ub.c" > "$T/cc.log" 2>&1 || bail "clang failed: $(tail -3 "$T/cc.log")"
# as `make fuzz` runs it: without the sanitizer options tests/lib.sh exports
env -u UBSAN_OPTIONS -u ASAN_OPTIONS "$T/ub" -runs=5 -artifact_prefix="$T/" > "$T/run.log" 2>&1
expect_match "fuzz: undefined behaviour fails the run" "$?" '^[1-9][0-9]*$'
clang $(echo "$flags" | sed 's/-fno-sanitize-recover=all//') -o "$T/ub-recover" "$T/ub.c" > "$T/cc.log" 2>&1 ||
    bail "clang failed: $(tail -3 "$T/cc.log")"
env -u UBSAN_OPTIONS -u ASAN_OPTIONS "$T/ub-recover" -runs=5 -artifact_prefix="$T/" > "$T/run2.log" 2>&1
expect_eq "fuzz: (without the flag the same run exits 0)" "$?" 0

debs=" $(MAKEFLAGS= make -s print-debs) "
missing=
for tool in curl:curl sqlite3:sqlite3 python3:python3 clang:clang pcre2grep:pcre2-utils; do
    case "$debs" in *" ${tool#*:} "*) ;; *) missing="$missing ${tool#*:}" ;; esac
done
expect_eq "packages: curl, sqlite3, python3, clang, pcre2-utils are in DEBS" "$missing" ""
expect_eq "packages: timeout (coreutils, the runner's) is there" "$(command -v timeout > /dev/null && echo yes)" yes
finish
