"""Command line: a thin adapter over the library.

    arsip clean PATH [--source ID] [--json] [--explain]
    arsip ingest [PATH ...] [--force]

Input errors print one line, ``arsip: error: FILE: problem``, and exit with code 2.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__
from .errors import ArsipError, DataError
from .project import Project


def _project(args) -> Project:
    return Project(Path(args.root).resolve()) if args.root else Project.find()


def _sources(args) -> dict:
    try:
        return _project(args).sources
    except DataError:
        if args.root:
            raise
        return {}  # outside an archive the cleaner still works, with generic rules only


def cmd_clean(args) -> int:
    from .clean import clean_bytes
    from .decode import read_raw
    from .explain import explain

    sources = _sources(args)
    source = None
    if args.source:
        if args.source not in sources:
            raise DataError(args.source, f"unknown source id; known: {', '.join(sorted(sources)) or 'none'}")
        source = sources[args.source]
    if args.path == "-":
        data, name = sys.stdin.buffer.read(), "<stdin>"
    else:
        data, name = read_raw(args.path), args.path
    result = clean_bytes(data, name, source=source, sources=sources)
    if args.explain:
        sys.stdout.write(explain(result))
    elif args.json:
        json.dump(result.as_json(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(result.body)
    return 0


def cmd_ingest(args) -> int:
    from .ingest import ingest

    report = ingest(_project(args), [Path(p) for p in args.paths], force=args.force, check=args.check)
    for line in report.lines():
        print(line)
    if args.check:
        return 1 if report.changed else 0
    return 1 if report.refused else 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="arsip", description="Clean scraped Indonesian essays into an archive.")
    p.add_argument("--version", action="version", version=f"arsip {__version__}")
    p.add_argument("--root", help="the archive folder (default: found from the working directory)")
    sub = p.add_subparsers(dest="command", required=True)

    c = sub.add_parser("clean", help="clean one raw article and print its Markdown body")
    c.add_argument("path", help="raw article file, or - for standard input")
    c.add_argument("--source", help="outlet id (default: recognised from the text)")
    out = c.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print metadata, body and removed lines as JSON")
    out.add_argument("--explain", action="store_true", help="print every raw line as kept or dropped, with the rule")
    c.set_defaults(func=cmd_clean)

    i = sub.add_parser("ingest", help="write essays/<slug>.md for raw articles in the manifest")
    i.add_argument("paths", nargs="*", help="raw files to ingest (default: every manifest entry)")
    i.add_argument("--force", action="store_true", help="overwrite essays a curator has edited")
    i.add_argument("--check", action="store_true",
                   help="write nothing; list the essays that today's rules would change (exit 1 if any)")
    i.set_defaults(func=cmd_ingest)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ArsipError as e:
        print(f"arsip: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("arsip: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
