"""Adds up the Surefire and Failsafe reports of every module into one closing line."""
import glob
import sys
import xml.etree.ElementTree as ET

total = failed = skipped = 0
per_kind = {"surefire": 0, "failsafe": 0}
for kind in per_kind:
    for f in glob.glob(f"*/target/{kind}-reports/TEST-*.xml"):
        s = ET.parse(f).getroot()
        t = int(s.get("tests", 0))
        fl = int(s.get("failures", 0)) + int(s.get("errors", 0))
        sk = int(s.get("skipped", 0))
        total += t
        failed += fl
        skipped += sk
        per_kind[kind] += t
print(f"unit/transcript tests: {per_kind['surefire']}, real-server tests: {per_kind['failsafe']}")
if per_kind["failsafe"] == 0:
    print("no real-server test ran", file=sys.stderr)
    sys.exit(1)
print(f"Tests: {total - failed - skipped} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
