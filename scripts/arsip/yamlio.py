"""PyYAML's safe loader and dumper, with libyaml's C parser and emitter when PyYAML
was built with them (the pure-Python ones are about ten times slower). Same
behaviour either way: safe types only."""
from __future__ import annotations

import yaml

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
