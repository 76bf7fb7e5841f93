"""Typed places to keep things for the length of a check or a run, instead of dicts
keyed by strings (the model is pytest's ``Stash``).

A plugin makes a :class:`StashKey` once, at module level, typed by what it keeps, and
reads and writes it on a :class:`Stash`: ``checker.stash`` for the state of a run (a
server's client, a cache), ``document.stash`` for what a run learns about one document.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar, cast

T = TypeVar("T")
D = TypeVar("D")


class StashKey(Generic[T]):
    """A key of a :class:`Stash`, for values of type ``T``; compared by identity."""

    __slots__ = ("name",)

    def __init__(self, name: str = "") -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"StashKey({self.name!r})"


class Stash:
    """Values by :class:`StashKey`, each typed by its key."""

    __slots__ = ("_values",)

    def __init__(self) -> None:
        self._values: dict[StashKey[Any], object] = {}

    def __setitem__(self, key: StashKey[T], value: T) -> None:
        self._values[key] = value

    def __getitem__(self, key: StashKey[T]) -> T:
        return cast(T, self._values[key])

    def get(self, key: StashKey[T], default: D) -> T | D:
        return cast(T, self._values[key]) if key in self._values else default

    def setdefault(self, key: StashKey[T], default: T) -> T:
        return cast(T, self._values.setdefault(key, default))

    def __delitem__(self, key: StashKey[T]) -> None:
        del self._values[key]

    def pop(self, key: StashKey[T], default: D) -> T | D:
        return cast(T | D, self._values.pop(key, default))

    def __contains__(self, key: StashKey[T]) -> bool:
        return key in self._values

    def __len__(self) -> int:
        return len(self._values)
