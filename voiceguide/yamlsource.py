"""YAML loading that remembers where each key and value was written (line, column)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml


@dataclass
class Located:
    """A mapping or list from YAML with the 1-based position of the node and its parts."""

    value: Any
    line: int
    column: int
    key_pos: dict[str, tuple[int, int]] = field(default_factory=dict)
    item_pos: dict[Any, tuple[int, int]] = field(default_factory=dict)

    def __repr__(self) -> str:
        # Shown in error messages ("got a list"), where the raw structure would only confuse.
        return "a list" if isinstance(self.value, list) else "a mapping"

    def pos_of(self, key: Any) -> tuple[int, int]:
        """Where the value under `key` (or list index) was written, else the node itself."""
        return self.item_pos.get(key, (self.line, self.column))


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _build(node: yaml.Node, loader: yaml.SafeLoader) -> Any:
    line, column = _pos(node)
    if isinstance(node, yaml.MappingNode):
        out = Located({}, line, column)
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            out.value[key] = _build(value_node, loader)
            out.key_pos[key] = _pos(key_node)
            out.item_pos[key] = _pos(value_node)
        return out
    if isinstance(node, yaml.SequenceNode):
        out = Located([], line, column)
        for index, item in enumerate(node.value):
            out.value.append(_build(item, loader))
            out.item_pos[index] = _pos(item)
        return out
    return loader.construct_object(node, deep=True)


def load_located(text: str) -> Any:
    """Parse one YAML document into plain values wrapped in `Located` for maps and lists."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _build(node, loader)
    finally:
        loader.dispose()
