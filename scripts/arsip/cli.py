"""Command line: a thin adapter over the library.

    arsip clean PATH [--source ID] [--json] [--explain]
    arsip ingest [PATH ...] [--force] [--check] [--jobs N]
    arsip check
    arsip add RAW_FILE|- [--source ID] [--url URL] [--retrieved DATE] [--title T] [--theme ID ...]
              [--author 'NAME; AFFILIATION' ...] [--date DATE | --no-date]
    arsip confirm RAW_OR_ESSAY FIELD ...
    arsip source add ID --name NAME --kind KIND --description TEXT [--homepage URL]

Input errors print one line, ``arsip: error: FILE: problem``, and exit with code 2.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__
from .archive import Project
from .errors import ArsipError, DataError


def _project(args) -> Project:
    return Project(Path(args.root).resolve()) if args.root else Project.find()


def _sources(args) -> dict:
    if args.root:
        return _project(args).sources
    try:
        project = Project.find()
    except DataError:
        return {}  # outside an archive the cleaner still works, with generic rules only
    return project.sources


def cmd_clean(args) -> int:
    from .clean import clean_bytes, explain

    sources = _sources(args)
    source = None
    if args.source:
        if args.source not in sources:
            raise DataError(args.source, f"unknown source id; known: {', '.join(sorted(sources)) or 'none'}")
        source = sources[args.source]
    data, name = _read_input(args.path)
    result = clean_bytes(data, name, source=source, sources=sources)
    if args.explain:
        sys.stdout.write(explain(result))
    elif args.json:
        json.dump(result.as_json(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(result.body)
    return 0


def _read_input(path: str) -> tuple[bytes, str]:
    """A raw article from a file or standard input ('-'), read no further than the limit."""
    from .boundary import read_stream
    from .clean import MAX_RAW_BYTES, read_raw

    if path == "-":
        return read_stream(sys.stdin.buffer, MAX_RAW_BYTES, "<stdin>", "raw article"), "<stdin>"
    return read_raw(path), path


def _author(value: str) -> dict:
    """--author 'Nama Penulis; Afiliasi' -> {name, affiliation}."""
    name, _, affiliation = value.partition(";")
    if not name.strip():
        raise argparse.ArgumentTypeError(f"{value!r}: give a name, e.g. --author 'Nama Penulis; Universitas X'")
    return {"name": name.strip(), "affiliation": affiliation.strip() or None}


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of processes (0 or more)")
    return n


def cmd_ingest(args) -> int:
    from .archive import ingest

    report = ingest(_project(args), [Path(p) for p in args.paths], force=args.force, check=args.check,
                    jobs=args.jobs)
    for line in report.lines():
        print(line)
    if args.check:
        return 1 if report.changed else 0
    return 1 if report.refused else 0


def cmd_check(args) -> int:
    import os
    import time

    from .archive import check

    start = time.perf_counter()
    problems = check(_project(args))
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for p in problems:
        print(p.annotation() if github else str(p))
    seconds = time.perf_counter() - start
    if problems:
        print(f"arsip check: {len(problems)} problem(s) ({seconds:.2f} s)", file=sys.stderr)
        return 1
    print(f"arsip check: archive is clean ({seconds:.2f} s)", file=sys.stderr)
    return 0


def cmd_add(args) -> int:
    from .archive import add

    data, name = _read_input(args.path)
    overrides: dict = {}
    if args.author:
        overrides["authors"] = args.author
    if args.no_date:
        overrides["date"] = None
    elif args.date:
        overrides["date"] = args.date
    added = add(_project(args), data, name, source_id=args.source, url=args.url, retrieved=args.retrieved,
                title=args.title, themes=args.theme, overrides=overrides)
    for line in added.report():
        print(line)
    return 0


def cmd_confirm(args) -> int:
    from .archive import confirm

    report = confirm(_project(args), Path(args.path), args.fields)
    for line in report.lines():
        print(line)
    return 1 if report.refused else 0


def cmd_source_add(args) -> int:
    from .archive import add_source

    project = _project(args)
    path = add_source(project, args.id, args.name, args.kind, args.description, args.homepage, args.signature)
    print(f"registered {args.id}: {project.rel(path)}")
    print(f"add an essay from it with: arsip add RAW_FILE --source {args.id}")
    return 0


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
    i.add_argument("--jobs", "-j", type=_jobs, default=0, metavar="N",
                   help="clean with N processes (default 0: one per core)")
    i.set_defaults(func=cmd_ingest)

    k = sub.add_parser("check", help="validate the whole archive as CI does (exit 1 on problems)")
    k.set_defaults(func=cmd_check)

    a = sub.add_parser("add", help="add a raw article: copy it into raw/, record it in the manifest, ingest it")
    a.add_argument("path", help="raw article file, or - for standard input")
    a.add_argument("--source", help="outlet id (default: recognised from the text)")
    a.add_argument("--url", help="the original address (http or https)")
    a.add_argument("--retrieved", help="when it was scraped, YYYY-MM-DD")
    a.add_argument("--title", help="the headline, when the text has none or the cleaner took a wrong one")
    a.add_argument("--author", action="append", type=_author, metavar="'NAME; AFFILIATION'",
                   help="the author (repeat for several); replaces the authors the cleaner found")
    when = a.add_mutually_exclusive_group()
    when.add_argument("--date", help="the publication date, YYYY-MM-DD or YYYY-MM-DDTHH:MM")
    when.add_argument("--no-date", action="store_true", help="the text prints no publication date")
    a.add_argument("--theme", action="append", help="theme id (1-3; repeat the option); default: suggested")
    a.set_defaults(func=cmd_add)

    f = sub.add_parser("confirm", help="confirm fields the cleaner was unsure of (recorded in the manifest)")
    f.add_argument("path", help="the raw file (raw/...) or the essay (essays/...)")
    f.add_argument("fields", nargs="+", metavar="FIELD", help="title, authors and/or date")
    f.set_defaults(func=cmd_confirm)

    s = sub.add_parser("source", help="outlets")
    ssub = s.add_subparsers(dest="source_command", required=True)
    sa = ssub.add_parser("add", help="register an outlet: writes data/sources/ID.yml")
    sa.add_argument("id", help="lower-case id, e.g. suarakampus")
    sa.add_argument("--name", required=True, help="display name")
    sa.add_argument("--kind", required=True, help="portal berita, pers mahasiswa, blog, ...")
    sa.add_argument("--description", required=True, help="one sentence in Indonesian")
    sa.add_argument("--homepage", help="http(s) address of the outlet")
    sa.add_argument("--signature", action="append", help="regex that recognises the outlet's pages (repeatable)")
    sa.set_defaults(func=cmd_source_add)
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
