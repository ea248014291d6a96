#!/usr/bin/env python3
"""Syntax-check Swift files with tree-sitter-swift.

Used by tests/swift/check.sh on machines without a Swift toolchain. This is a
*parse* check only: it catches unbalanced braces, malformed declarations and
similar slips, not type errors, missing imports or wrong API calls. Only a
real `swift build` / `swift test` checks those.

Usage: check_syntax.py FILE.swift [FILE.swift ...]

For every file it walks the parse tree and reports each ERROR node and each
MISSING node as

    path:line:column: error: <unexpected `text` | expected `token` here>
        <the offending source line>
        <caret under the column>

(line and column are 1-based; column counts characters). With an unbalanced
brace the first report is where the parser noticed, usually the first
declaration after the spot where the `}` is missing. At most
MAX_REPORTS_PER_FILE reports are printed per file. The last line on
stdout is always exactly

    swift-syntax: N passed, M failed

where N is the number of files without errors and M the number with errors.
Exit status: 0 if every file parsed cleanly, 1 if any file failed or if no
file was given at all (checking nothing is treated as a failure), 2 if
tree-sitter itself cannot be loaded (every file then counts as failed).
"""

from __future__ import annotations

import sys


def _load_parser():
    try:
        import tree_sitter
        import tree_sitter_swift
    except ImportError as exc:  # pragma: no cover - environment problem
        print(
            f"swift-syntax: cannot import tree-sitter ({exc}); "
            "run tests/swift/check.sh, which installs it into a virtualenv",
            file=sys.stderr,
        )
        return None
    language = tree_sitter.Language(tree_sitter_swift.language())
    return tree_sitter.Parser(language)


def _snippet(data: bytes, start: int, end: int, limit: int = 40) -> str:
    text = data[start:end].decode("utf-8", errors="replace")
    text = " ".join(text.split())  # collapse newlines/indentation
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return text


def _problems(tree):
    """Yield every ERROR or MISSING node, in source order.

    `has_error` is true for any node that is, or contains, an ERROR or a
    MISSING node, so subtrees without it are skipped.
    """
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            yield node
        if node.has_error:
            # reversed so that children come off the stack in source order
            stack.extend(reversed(node.children))


def check_file(parser, path: str) -> list[str]:
    """Return a list of formatted error reports for one file (empty = clean)."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        return [f"{path}: error: cannot read file: {exc.strerror or exc}"]

    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [f"{path}: error: not valid UTF-8 (byte offset {exc.start})"]

    tree = parser.parse(data)
    lines = data.split(b"\n")
    reports = []
    seen = set()
    for node in _problems(tree):
        row, col_bytes = node.start_point
        key = (row, col_bytes, node.is_missing, node.type)
        if key in seen:
            continue
        seen.add(key)

        raw_line = lines[row] if row < len(lines) else b""
        line_text = raw_line.rstrip(b"\r").decode("utf-8", errors="replace")
        prefix = raw_line[:col_bytes].decode("utf-8", errors="replace")
        column = len(prefix) + 1

        if node.is_missing:
            what = f"expected `{node.type}` here"
        else:
            found = _snippet(data, node.start_byte, node.end_byte)
            end_row = node.end_point[0] + 1
            span = f" (through line {end_row})" if end_row != row + 1 else ""
            what = (
                f"unexpected `{found}`{span}" if found else "syntax error"
            )

        # Keep tabs in the caret line so it lines up under the source line.
        caret_pad = "".join(ch if ch == "\t" else " " for ch in prefix)
        reports.append(
            f"{path}:{row + 1}:{column}: error: {what}\n"
            f"    {line_text}\n"
            f"    {caret_pad}^"
        )
    return reports


# One slip (say a missing `}`) can make the parser misread the rest of the
# file; past this many reports per file the rest are only counted.
MAX_REPORTS_PER_FILE = 10


def main(argv: list[str]) -> int:
    files = argv[1:]
    if files and files[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0

    if not files:
        print(
            "swift-syntax: error: no Swift files were given, so nothing was "
            "checked; treating that as a failure",
            file=sys.stderr,
        )
        print("swift-syntax: 0 passed, 0 failed")
        return 1

    parser = _load_parser()
    if parser is None:
        print(f"swift-syntax: 0 passed, {len(files)} failed")
        return 2
    passed = failed = 0
    for path in files:
        reports = check_file(parser, path)
        if reports:
            failed += 1
            for report in reports[:MAX_REPORTS_PER_FILE]:
                print(report, flush=True)
            if len(reports) > MAX_REPORTS_PER_FILE:
                extra = len(reports) - MAX_REPORTS_PER_FILE
                print(f"{path}: ... and {extra} more syntax error(s)", flush=True)
            print(f"FAIL {path} ({len(reports)} problem(s))", file=sys.stderr)
        else:
            passed += 1
            print(f"ok   {path}", file=sys.stderr)

    print(f"swift-syntax: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
