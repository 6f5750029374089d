#!/usr/bin/env bash
# Checks kv-tck/README.md's pom.xml the way a third party meets it: builds a fresh project from exactly
# that text (plus a one-class test of mem:) and runs the TCK with it; fails unless Surefire runs the
# contract tests and the TCK prints its summary.
#
# Installs nothing: a temporary aggregator builds kv-api and kv-tck from this checkout in the same
# reactor as the fresh project, which resolves them by their coordinates as it would published jars.
# Maven runs offline (-o), with the plugins the project's own build has put in ~/.m2; pass
# KV_CHECK_MAVEN_FLAGS= (empty) to let Maven download what is missing.
#
# Usage: kv-tck/check-readme-pom.sh        (about a minute; prints the project's TCK summary)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
project="$work/kv-mystore"
mkdir -p "$project/src/main/java/com/example/kv" "$project/src/test/java/com/example/kv"

awk '/<!-- check-readme-pom.sh: end -->/ {on = 0} on && !/^```/ {print} /<!-- check-readme-pom.sh: begin -->/ {on = 1}' \
    "$here/README.md" > "$project/pom.xml"
grep -q '<artifactId>kv-tck</artifactId>' "$project/pom.xml" || { echo "no pom.xml between the markers in $here/README.md" >&2; exit 1; }

cat > "$project/src/main/java/com/example/kv/MyStores.java" <<'JAVA'
package com.example.kv;

import org.kvcaches.api.KeyValueStore;
import org.kvcaches.api.KeyValueStores;

/** Stands in for a third party's store: compiled against kv-api at release 17. */
public final class MyStores {
    private MyStores() {
    }

    public static KeyValueStore open() {
        return KeyValueStores.open("mem:");
    }
}
JAVA

cat > "$project/src/test/java/com/example/kv/MyStoreTckTest.java" <<'JAVA'
package com.example.kv;

import org.kvcaches.api.KeyValueStore;
import org.kvcaches.tck.KeyValueStoreContract;
import org.kvcaches.tck.StoreFixture;

class MyStoreTckTest implements KeyValueStoreContract {
    @Override
    public StoreFixture fixture() {
        return new StoreFixture() {
            @Override
            public KeyValueStore newStore() {
                return MyStores.open();
            }

            @Override
            public String valuesOnTheHeap() {
                return "mem: keeps values in the heap";
            }
        };
    }
}
JAVA

relative() { python3 -c 'import os, sys; print(os.path.relpath(sys.argv[1], sys.argv[2]))' "$1" "$work"; }
cat > "$work/pom.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>readme-check</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <modules>
    <module>$(relative "$root/kv-api")</module>
    <module>$(relative "$root/kv-tck")</module>
    <module>kv-mystore</module>
  </modules>
</project>
XML

log="$work/build.log"
if ! mvn -B -ntp ${KV_CHECK_MAVEN_FLAGS--o} -f "$work/pom.xml" verify -Dtest=MyStoreTckTest -Dsurefire.failIfNoSpecifiedTests=false \
        > "$log" 2>&1; then
    tail -40 "$log" >&2
    echo "FAILED: the project built from kv-tck/README.md's pom.xml does not build; log above" >&2
    exit 1
fi
run=$(grep -E 'Tests run: [0-9]+, .* -- in com.example.kv.MyStoreTckTest' "$log" || true)
summary=$(grep -F '[kv-tck] summary for' "$log" || true)
tests=$(sed -E 's/.*Tests run: ([0-9]+),.*/\1/' <<< "$run")
if [[ -z "$run" || "$tests" -lt 100 || -z "$summary" ]]; then
    grep -E 'Tests run|kv-tck' "$log" >&2 || true
    echo "FAILED: Surefire ran ${tests:-no} contract tests (expected over 100) or printed no TCK summary" >&2
    exit 1
fi
echo "$run"
grep -F '[kv-tck]' "$log"
echo "OK: a fresh project built from kv-tck/README.md's pom.xml runs the TCK ($tests tests)"
