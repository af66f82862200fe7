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

from collections import deque
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
_STR = "tag:yaml.org,2002:str"
_PLAIN_TAGS: dict[str, str] = {}
"""The tag of each plain scalar met so far (statuses, days, channels... repeat across stories): at most
_MOST_TAGS texts of at most _LONGEST_TAGGED characters, so titles and summaries never fill it up."""
_MOST_TAGS = 4096
_LONGEST_TAGGED = 64
_NO_PATHS: dict[object, object] = {}
"""Always empty: its `get` is the builtin that stands in for `descend_resolver`."""
_SCALAR_TYPES = {f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "str")}
"""The plain scalar types, which have constructors; mappings and lists are built by `construct_document`."""


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

    # The composer calls these three for every node, from C into Python. PlainLoader has no path
    # resolvers (a tag chosen by where a node is in the document), so the tag of a plain scalar depends
    # on its text alone and is remembered, and following the path around each node has nothing to do:
    # builtins that return at once stand in for the Python methods.
    descend_resolver = staticmethod(_NO_PATHS.get)  # (parent, index): parent is a node or None
    ascend_resolver = staticmethod(tuple)

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> Any:
        if kind is not yaml.ScalarNode or not implicit[0]:
            return super().resolve(kind, value, implicit)
        tag = _PLAIN_TAGS.get(value)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(value) <= _LONGEST_TAGGED and len(_PLAIN_TAGS) < _MOST_TAGS:
                _PLAIN_TAGS[value] = tag
        return tag

    def construct_document(self, node: yaml.Node) -> Any:
        # Breadth first, as BaseConstructor does it (each mapping and list is filled after its parent, in
        # the order they were met): duplicates are listed, and the first error raised, in that order. With
        # a queue of what is left to fill instead of its generators, and no bookkeeping for aliased nodes
        # (`yamltext` refuses aliases before composing), so that every node is built once.
        pending: deque[tuple[yaml.Node, Any]] = deque()
        data = self._begin(node, pending)
        while pending:
            parent, value = pending.popleft()
            if type(value) is dict:
                self._fill_mapping(parent, value, pending)
            else:
                self._fill_sequence(parent, value, pending)
        return data

    def _begin(self, node: yaml.Node, pending: deque[tuple[yaml.Node, Any]]) -> Any:
        """The value of `node`; a mapping or list empty until its turn in `pending` comes."""
        tag = node.tag
        if tag == _STR and type(node) is yaml.ScalarNode:  # most nodes: the value is the node's text
            return node.value
        if tag == _MAP and type(node) is yaml.MappingNode:
            value: Any = {}
        elif tag == _SEQ and type(node) is yaml.SequenceNode:
            value = []
        elif tag in (_MAP, _SEQ):  # `!!seq x`: the tag on a node of another kind, as any tag not allowed
            raise ConstructorError(
                None, None, f"could not determine a constructor for the tag {tag!r}", node.start_mark
            )
        else:  # the other plain types, and the errors for every other tag
            return self.construct_object(node)
        pending.append((node, value))
        return value

    def _fill_mapping(
        self, node: yaml.Node, data: dict[Any, Any], pending: deque[tuple[yaml.Node, Any]]
    ) -> None:
        lines: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = self._begin(key_node, pending)
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
            data[key] = self._begin(value_node, pending)
        self.key_lines[id(data)] = (data, lines)

    def _fill_sequence(self, node: yaml.Node, data: list[Any], pending: deque[tuple[yaml.Node, Any]]) -> None:
        self.item_lines[id(data)] = (data, [child.start_mark.line + self.first_line for child in node.value])
        data.extend([self._begin(child, pending) for child in node.value])

    def construct_checked_int(self, node: yaml.ScalarNode) -> int:
        try:
            text = node.value
            if type(node) is yaml.ScalarNode and text.isdigit() and text.isascii() and text[0] != "0":
                return int(text)  # most numbers: no sign, base prefix, underscore or sexagesimal colon
            return int(SafeConstructor.construct_yaml_int(self, node))
        except (ValueError, IndexError):  # IndexError: PyYAML reads the first character of `!!int ""`
            digits = sum(c.isdigit() for c in str(node.value))
            problem = "this number is too long" if digits > MAX_DIGITS else "this is not a whole number"
            raise ConstructorError(None, None, problem, node.start_mark) from None

    def construct_checked_float(self, node: yaml.ScalarNode) -> float:
        try:
            return float(SafeConstructor.construct_yaml_float(self, node))
        except (ValueError, OverflowError, IndexError):  # as for `!!int ""`
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
    if tag in _SCALAR_TYPES or tag is None
}
PlainLoader.add_constructor("tag:yaml.org,2002:int", PlainLoader.construct_checked_int)
PlainLoader.add_constructor("tag:yaml.org,2002:float", PlainLoader.construct_checked_float)
PlainLoader.add_constructor("tag:yaml.org,2002:bool", PlainLoader.construct_checked_bool)
