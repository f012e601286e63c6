"""Fail when a browser test was skipped, or when no browser test ran at all."""

import sys
import xml.etree.ElementTree as ET

report = ET.parse(sys.argv[1]).getroot()
browser_ran, browser_skipped = 0, []
for case in report.iter("testcase"):
    if not case.get("classname", "").startswith("tests.browser"):
        continue
    if case.find("skipped") is not None:
        browser_skipped.append(f"{case.get('classname')}::{case.get('name')}")
    else:
        browser_ran += 1
if browser_skipped:
    sys.exit("Browser tests were skipped:\n  " + "\n  ".join(browser_skipped))
if browser_ran == 0:
    sys.exit("No browser test ran.")
print(f"{browser_ran} browser tests ran, none skipped.")
