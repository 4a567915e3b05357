"""YAML in and out, for files a pull request can change.

PyYAML's safe loader and dumper, with libyaml's C parser and emitter when PyYAML was
built with them (the pure-Python ones are about ten times slower). Loading is
stricter than ``yaml.safe_load``, because every YAML file here may come from an
untrusted contributor:

- aliases (``*name``) are refused: a few kilobytes of nested aliases expand into
  gigabytes ("billion laughs"), and a self-referencing one (``&a [*a]``) never ends;
- a key given twice in one mapping is an error, not a silent "last one wins";
- an impossible date or time (``2025-02-30``, ``25:35``, ``+99:00``), a number too
  long to convert, a mapping used as a key or nesting too deep for the constructor is
  an error on its line, not a traceback.

Every problem is a :class:`DataError` naming the file and the line.
"""
from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import ConstructorError

from .errors import DataError

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class StrictLoader(SAFE_LOADER):
    """The safe loader, refusing aliases and duplicate keys (see the module docstring)."""

    def construct_object(self, node, deep=False):
        # A node met a second time is an alias of an anchored node (libyaml composes
        # ``*a`` into the very node of ``&a``): refuse it before anything expands.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise ConstructorError(None, None, "aliases (*name) are not allowed; write the value out",
                                   node.start_mark)
        return super().construct_object(node, deep)

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: set = set()
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise ConstructorError(None, None, "merge keys (<<) are not allowed", key_node.start_mark)
                if not isinstance(key_node, yaml.ScalarNode):
                    raise ConstructorError(None, None, "a key must be a plain value, not a list or mapping",
                                           key_node.start_mark)
                key = (key_node.tag, key_node.value)
                if key in seen:
                    raise ConstructorError(None, None, f"key {key_node.value!r} is given twice",
                                           key_node.start_mark)
                seen.add(key)
        return super().construct_mapping(node, deep)

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            raise ConstructorError(None, None, f"{node.value!r} is not a real date or time",
                                   node.start_mark) from None


StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", StrictLoader.construct_yaml_timestamp)


def _line(error: BaseException, first_line: int) -> str:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return f"line {mark.line + first_line}: " if mark is not None else ""


def load_yaml(text: str, path: object, first_line: int = 1) -> Any:
    """Parse ``text`` (from ``path``, starting at ``first_line`` of that file) strictly.

    Raises :class:`DataError` ``path: line N: problem`` for anything that is not
    plain, finite YAML data."""
    try:
        return yaml.load(text, Loader=StrictLoader)
    except yaml.YAMLError as e:
        problem = getattr(e, "problem", None) or str(e)
        raise DataError(path, f"{_line(e, first_line)}invalid YAML: {problem}".replace("\n", " ")) from None
    except RecursionError:
        raise DataError(path, "invalid YAML: nested too deeply") from None
    except (ValueError, OverflowError, TypeError) as e:
        # e.g. an integer of more digits than Python converts, a non-hashable key
        raise DataError(path, f"invalid YAML: {str(e).splitlines()[0][:120]}") from None
