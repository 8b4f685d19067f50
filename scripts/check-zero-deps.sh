#!/usr/bin/env bash
# Shows that the build refuses a runtime dependency in a library module: in a scratch copy of the
# project, each library module in turn gets a compile-scope dependency (AssertJ, already in the
# local repository), and `mvn validate` on it must fail with the enforcer's message. The
# unmodified copy must validate.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d /tmp/mw-deps.XXXX)
trap 'rm -rf "$scratch"' EXIT
tar -C "$root" --exclude='./*/target' --exclude=./.git -cf - . | tar -C "$scratch" -xf -
cd "$scratch"
mvn -B -q -o validate >/dev/null || { echo "the unmodified project does not validate"; exit 1; }
passed=0; failed=0
for m in transport sasl pop3-client imap-client smtp-client activesync-client; do
  cp "$m/pom.xml" "$m/pom.xml.orig"
  python3 - "$m/pom.xml" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
dep = """<dependencies>
    <dependency>
      <groupId>org.assertj</groupId>
      <artifactId>assertj-core</artifactId>
      <version>3.27.7</version>
      <scope>compile</scope>
    </dependency>"""
s = s.replace("<dependencies>", dep, 1) if "<dependencies>" in s else s.replace("</project>", dep + "\n  </dependencies>\n</project>")
open(p, "w").write(s)
PY
  if out=$(mvn -B -o validate -pl "$m" 2>&1); then
    echo "FAIL $m: a compile-scope dependency on assertj-core was accepted"; failed=$((failed+1))
  elif grep -q "zero runtime dependencies outside org.mailwire" <<<"$out"; then
    echo "ok   $m: the build refuses a runtime dependency"; passed=$((passed+1))
  else
    echo "FAIL $m: validate failed, but not with the enforcer's message:"; tail -20 <<<"$out"; failed=$((failed+1))
  fi
  mv "$m/pom.xml.orig" "$m/pom.xml"
done
echo "zero-dependency check: $passed passed, $failed failed"
[ "$failed" = 0 ]
