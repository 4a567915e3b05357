# Arsip Esai. `make serve` and `make test` work from a fresh clone: they set up
# .venv first. Everything runs from the repository root.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
ARSIP := $(VENV)/bin/arsip
STAMP := $(VENV)/.installed-stamp
SHARED ?= ../shared

.PHONY: install test ingest golden score train build serve lighthouse bench bench-quick clean-venv

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

test: install
	$(PY) -m pytest

# The site: `make build` writes site/ (strict: any warning fails), `make serve`
# previews it at http://127.0.0.1:8000 and, when essays, data, docs or theme change,
# rebuilds only the pages that change (--dirty: the arsip plugin decides which).
build: install
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict

serve: install
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

# Lighthouse scores of the built site (needs npm and the system Chromium).
lighthouse: build
	$(PY) scripts/lighthouse.py

# Clean every raw article in raw/manifest.yml into essays/ (refuses to overwrite
# essays a curator has edited; add ARGS=--force to overwrite them).
ingest: install
	$(ARSIP) ingest $(ARGS)

# Regenerate the golden files after a rule change; review with `git diff`.
golden: install
	$(ARSIP) ingest --force
	$(PY) tests/regen_golden.py
	@git --no-pager diff --stat -- essays tests/fixtures || true

# Score the cleaner against the acceptance answers in ../shared.
score: install
	$(PY) $(SHARED)/acceptance/score.py --cmd '$(ARSIP) clean {path} --json'

# Refit the metadata model (scripts/arsip/clean/data/weights.yml) on the tuned half
# of the real pages (tests/fixtures/real/tuned/) and the seeds; prints cross-validated
# accuracy per field. ARGS=--check compares with the committed weights instead;
# ARGS=--errors lists the pages each field gets wrong.
train: install
	$(PY) scripts/train_metadata.py $(ARGS)

# Benchmarks (benchmarks/bench.py): cleaning throughput against jusText, ingest on
# every core, build time and memory at 100, 1,000 and 10,000 essays against plain
# Material and plain Material + Pagefind, preview latency and staleness for each
# kind of change at 1,000 and 10,000, page and search sizes. `make bench` takes
# about 25 minutes and writes benchmarks/RESULTS.md; `make bench-quick` (about 2
# minutes, small sizes, nothing judged) writes build/bench-quick.md.
bench: install
	$(PY) benchmarks/bench.py

bench-quick: install
	$(PY) benchmarks/bench.py --quick

clean-venv:
	rm -rf $(VENV)
