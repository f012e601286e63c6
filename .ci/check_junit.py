"""Fail when a browser or markup test was skipped, or when none of either ran."""

import sys
import xml.etree.ElementTree as ET

# Tests that need a tool CI installs (Chromium, Java and the Nu Html Checker):
# a skip on a developer's machine is a failure here.
REQUIRED = {"browser": "tests.browser", "markup": "tests.portal.test_markup"}

report = ET.parse(sys.argv[1]).getroot()
ran = dict.fromkeys(REQUIRED, 0)
skipped = []
for case in report.iter("testcase"):
    classname = case.get("classname", "")
    for kind, prefix in REQUIRED.items():
        if classname == prefix or classname.startswith(prefix + "."):
            if case.find("skipped") is not None:
                skipped.append(f"{classname}::{case.get('name')}")
            else:
                ran[kind] += 1
if skipped:
    sys.exit("Tests that must run in CI were skipped:\n  " + "\n  ".join(skipped))
if not_run := [kind for kind, count in ran.items() if count == 0]:
    sys.exit("No " + " and no ".join(not_run) + " test ran.")
print(f"{ran['browser']} browser and {ran['markup']} markup tests ran, none skipped.")
