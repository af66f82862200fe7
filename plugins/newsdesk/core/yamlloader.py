"""The PyYAML loader newsdesk reads with: the plain types of YAML only, and the line of every key and item.

`PlainLoader` is the fastest safe loader available (libyaml's when installed) without YAML 1.1's implicit
timestamps and merge keys, and without tags beyond the plain types (`!!binary`, `!!set`, `!!timestamp`...
have no constructor, so they are errors). While it builds the Python values it records the line of every
key of every mapping and of every item of every list, and every key a mapping is given twice (which
PyYAML silently merges, the last one winning) as a `Duplicate`. Numbers and yes/no values that cannot be
read become YAML errors at their mark, not Python exceptions.

Reading a text with it, refusing aliases and deep nesting, is `yamltext.read`.
"""

from __future__ import annotations

from dataclasses import dataclass
from sys import intern
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DIGITS = 4300
"""Python's own limit on reading an integer from text (`sys.get_int_max_str_digits`)."""

_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_PLAIN_TYPES = {f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "str", "seq", "map")}


@dataclass(frozen=True)
class Duplicate:
    """A key given twice in one mapping: as written, where (1-based), and the line of its first use."""

    key: str
    line: int
    column: int
    first_line: int

    def message(self) -> str:
        return f"'{self.key}' is given twice (first on line {self.first_line})"


class PlainLoader(_Base):  # type: ignore[valid-type,misc]
    """The fastest safe loader available, without the implicit timestamp and merge types, and without
    the tags of YAML 1.1 beyond the plain ones (`!!binary`, `!!set`, `!!timestamp`...).

    While constructing, it records the line of each mapping key and list item, and each duplicate key,
    numbered from `first_line` (a story's front-matter starts on its file's line 2).
    """

    def __init__(self, stream: str, first_line: int = 1) -> None:
        super().__init__(stream)
        self.first_line = first_line
        self.key_lines: dict[int, tuple[dict[Any, Any], dict[Any, int]]] = {}
        self.item_lines: dict[int, tuple[list[Any], list[int]]] = {}
        self.duplicates: list[Duplicate] = []

    def construct_lined_mapping(self, node: yaml.MappingNode) -> Any:
        data: dict[Any, Any] = {}
        yield data
        lines: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node)
            if type(key) is str:  # the same few keys in every story: one string each, not one per file
                key = intern(key)
            mark = key_node.start_mark
            try:
                first = lines.get(key)
            except TypeError:  # a list or mapping used as a key
                raise ConstructorError(
                    "while constructing a mapping", node.start_mark, "found unhashable key", mark
                ) from None
            if first is None:
                lines[key] = mark.line + self.first_line
            else:
                written = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key)
                self.duplicates.append(
                    Duplicate(written, mark.line + self.first_line, mark.column + 1, first)
                )
            data[key] = self.construct_object(value_node)
        self.key_lines[id(data)] = (data, lines)

    def construct_lined_sequence(self, node: yaml.SequenceNode) -> Any:
        data: list[Any] = []
        yield data
        self.item_lines[id(data)] = (data, [child.start_mark.line + self.first_line for child in node.value])
        data.extend(self.construct_object(child) for child in node.value)

    def construct_checked_int(self, node: yaml.ScalarNode) -> int:
        try:
            return int(SafeConstructor.construct_yaml_int(self, node))
        except ValueError:
            digits = sum(c.isdigit() for c in str(node.value))
            problem = "this number is too long" if digits > MAX_DIGITS else "this is not a whole number"
            raise ConstructorError(None, None, problem, node.start_mark) from None

    def construct_checked_float(self, node: yaml.ScalarNode) -> float:
        try:
            return float(SafeConstructor.construct_yaml_float(self, node))
        except (ValueError, OverflowError):
            raise ConstructorError(None, None, "this is not a number", node.start_mark) from None

    def construct_checked_bool(self, node: yaml.ScalarNode) -> bool:
        try:
            return bool(SafeConstructor.construct_yaml_bool(self, node))
        except KeyError:
            raise ConstructorError(None, None, "this is not a yes/no value", node.start_mark) from None


PlainLoader.yaml_implicit_resolvers = {
    first: [
        (tag, rx)
        for tag, rx in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:merge")
    ]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
PlainLoader.yaml_constructors = {
    tag: constructor
    for tag, constructor in _Base.yaml_constructors.items()
    if tag in _PLAIN_TYPES or tag is None
}
PlainLoader.add_constructor(_MAP, PlainLoader.construct_lined_mapping)
PlainLoader.add_constructor(_SEQ, PlainLoader.construct_lined_sequence)
PlainLoader.add_constructor("tag:yaml.org,2002:int", PlainLoader.construct_checked_int)
PlainLoader.add_constructor("tag:yaml.org,2002:float", PlainLoader.construct_checked_float)
PlainLoader.add_constructor("tag:yaml.org,2002:bool", PlainLoader.construct_checked_bool)
