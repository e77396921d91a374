"""Prints the slowest tests of the TRX files under a folder: python3 .ci/slowest-tests.py DIR [N]."""
import glob
import sys
import xml.etree.ElementTree as ElementTree

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def seconds(duration):
    hours, minutes, rest = duration.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


folder, count = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 20
results = []
for path in glob.glob(f"{folder}/**/*.trx", recursive=True):
    for result in ElementTree.parse(path).getroot().iterfind(".//t:UnitTestResult", NS):
        if "duration" in result.attrib:
            results.append((seconds(result.attrib["duration"]), result.attrib["outcome"], result.attrib["testName"]))
results.sort(reverse=True)
print(f"slowest {min(count, len(results))} of {len(results)} tests ({sum(r[0] for r in results):.0f} s in all):")
for duration, outcome, name in results[:count]:
    print(f"{duration:8.1f} s  {outcome:<7} {name[:160]}")
