"""``--format junit``: JUnit XML for CI test-report views (GitLab, Jenkins, Azure).

One ``<testsuite>`` per file. Each finding is a ``<testcase>`` named
``CODE rule-name``. An error-severity finding carries a ``<failure>`` with the
message and ``path:line:col``; a warning passes, with the same text in
``<system-out>``, so a draft full of warnings is not a red test report on a
green job (``--strict``, which fails the job on warnings, makes them failures
too). A clean file gets one passing ``pmlint`` testcase, and an unreadable file
an ``<error>``. xml.etree escapes markup; characters XML 1.0
cannot hold at all are shown as ``\\xNN``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from pmlint.lint.engine import FileResult, Finding

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """Replace characters that are not allowed anywhere in XML 1.0."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _testcase(suite: ET.Element, path: str, name: str) -> ET.Element:
    return ET.SubElement(suite, "testcase", {"classname": clean(path), "name": clean(name), "time": "0"})


def _report(case: ET.Element, f: Finding, *, fails: bool) -> None:
    """A ``<failure>`` when the finding fails the run, else the text in ``<system-out>``."""
    location = f"{f.path}:{f.span.line}:{f.span.column}"
    body = f"{location}: {f.code} [{f.name}] {f.message}"
    if f.suggestion:
        body += f"\nhelp: {f.suggestion}"
    if not fails:
        ET.SubElement(case, "system-out").text = clean(f"{f.severity}: {body}")
        return
    failure = ET.SubElement(case, "failure", {
        "message": clean(f"{location}: {f.message}"), "type": f"{f.severity}:{f.code}",
    })
    failure.text = clean(body)


def _suite(result: FileResult, strict: bool) -> tuple[ET.Element, int, int, int]:
    suite = ET.Element("testsuite", {"name": clean(result.path), "time": "0"})
    failures = errors = 0
    if result.error:
        case = _testcase(suite, result.path, "PM000 unreadable-file")
        error = ET.SubElement(case, "error", {
            "message": clean(f"{result.path}:{result.error_line}: {result.error}"), "type": "unreadable",
        })
        error.text = clean(f"{result.path}:{result.error_line}:1: {result.error}")
        errors += 1
    for finding in result.findings:
        fails = strict or finding.severity == "error"
        _report(_testcase(suite, result.path, f"{finding.code} {finding.name}"), finding, fails=fails)
        failures += fails
    if not result.error and not result.findings:
        _testcase(suite, result.path, "pmlint")
    tests = len(suite)
    suite.attrib.update({"tests": str(tests), "failures": str(failures), "errors": str(errors),
                         "skipped": "0"})
    return suite, tests, failures, errors


def render(results: Sequence[FileResult], *, colors: bool = False, statistics: bool = False,
           strict: bool = False, quiet: bool = False) -> str:
    root = ET.Element("testsuites", {"name": "pmlint", "time": "0"})
    totals = [0, 0, 0]
    for result in results:
        suite, tests, failures, errors = _suite(result, strict)
        root.append(suite)
        for index, value in enumerate((tests, failures, errors)):
            totals[index] += value
    root.attrib.update({"tests": str(totals[0]), "failures": str(totals[1]), "errors": str(totals[2])})
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
