"""YAML from users (rule files, config files), read with limits: ``yaml.safe_load``
builds no objects but plain data, yet a small hostile file can still take the machine
("billion laughs": aliases of aliases expand to billions of nodes) or be huge. Files are
capped in size, and the document's node graph, with aliases counted as the copies they
stand for, is capped before any Python object is built."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.errors import ConfigError

if TYPE_CHECKING:  # PyYAML is imported where a file is parsed: most runs read no YAML
    # (no config file; the rule packs' data comes from the cache, see loader.py)
    import yaml

#: Largest YAML file newslint reads (rule or config file).
MAX_FILE_BYTES = 2_000_000
#: Most nodes a document may hold once its aliases are expanded.
MAX_NODES = 200_000


class YamlLimitError(ConfigError, ValueError):
    """A YAML file past one of the limits; the message says which."""


def read_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    """The data of the YAML file ``path`` and its node graph (for line numbers).
    Raises OSError, UnicodeDecodeError, yaml.YAMLError or :class:`YamlLimitError`."""
    return load_yaml(read_capped(path).decode("utf-8"))


def read_capped(path: Path) -> bytes:
    """The bytes of ``path``; raises OSError, or :class:`YamlLimitError` past
    :data:`MAX_FILE_BYTES`."""
    with open(path, "rb") as stream:
        data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise YamlLimitError(f"file larger than {MAX_FILE_BYTES:,} bytes")
    return data


def load_yaml(text: str) -> tuple[Any, yaml.Node | None]:
    """``yaml.safe_load(text)`` and the document's node, refusing documents that expand
    past :data:`MAX_NODES` values."""
    import yaml

    loader = yaml.SafeLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except RecursionError:
            raise YamlLimitError("nested too deeply") from None
        if node is None:
            return None, None
        expanded_size(node)
        return loader.construct_document(node), node
    finally:
        loader.dispose()


def expanded_size(root: yaml.Node) -> int:
    """Nodes of ``root`` with every alias counted as a copy of its target; raises
    :class:`YamlLimitError` past :data:`MAX_NODES` or on an alias to itself."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            on_path.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            if sizes[key] > MAX_NODES:
                raise YamlLimitError(f"more than {MAX_NODES:,} values once aliases are expanded")
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise YamlLimitError("an alias refers to the node that contains it")
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)
    return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    import yaml

    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []
