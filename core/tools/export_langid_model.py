"""Writes py3langid's language model in the layout the compiled core reads
(``core/src/langid.rs``), compressed with zstandard, to ``newslint/data/langid.bin.zst``.

    pip install 'py3langid==0.4.0' zstandard numpy
    python core/tools/export_langid_model.py

The model is py3langid's (BSD-3-Clause, the langid.py model retrained by its authors);
newslint ships it inside the package so that identifying a language needs no download
and no decompression of py3langid's LZMA file (0.8 s) at start-up.
``tests/test_language.py`` checks that the shipped model gives py3langid's answers.

py3langid finds the features with a DFA over bytes: 104,583 states, each pointing at
one of 38,346 distinct rows of 256 transitions (39 MB, a cache miss per byte of text).
That DFA is an Aho-Corasick automaton: its states are the strings of a trie (every
prefix of a state's string is a state; none longer than 6 bytes) and a transition goes
to the longest suffix, in the trie, of the state's string followed by the byte. So it is
written here as that trie, with its failure links, in a double-array layout (a child of
``s`` by byte ``b`` lies at ``base[s] + b`` and says so with ``check == s``): 1.7 MB
that the core keeps in cache. :func:`check_equivalence` proves, before anything is
written, that this automaton moves exactly as py3langid's does from every state on every
byte: the core then meets the same features at the same bytes, for any text.
"""

from __future__ import annotations

import struct
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import zstandard
from py3langid.langid import MODEL_DIR, MODEL_FILE
from py3langid.modelio import load_model

TARGET = Path(__file__).resolve().parents[2] / "newslint" / "data" / "langid.bin.zst"
MAGIC = b"NLLANGI2"
#: ``check`` of a slot that holds no child (the root's slot too: it is no one's child).
FREE = 0xFFFF_FFFF

U32s = npt.NDArray[np.uint32]


def dense_moves(nextmove: Sequence[int], rows: Sequence[int]) -> U32s:
    """py3langid's transitions as one row of 256 per state."""
    table = np.asarray(nextmove, dtype=np.uint32).reshape(-1, 256)
    return table[np.asarray(rows, dtype=np.intp)]


def trie_of(moves: U32s) -> tuple[list[int], list[list[tuple[int, int]]], list[int]]:
    """The states in breadth-first order from the root (state 0), each state's children
    as (byte, state) (the transitions that go one byte deeper) and each state's failure
    link (the state of its string without its first byte, followed as the DFA does)."""
    states = len(moves)
    depth = np.full(states, -1, dtype=np.int64)
    depth[0] = 0
    order = [0]
    children: list[list[tuple[int, int]]] = [[] for _ in range(states)]
    for state in order:  # grows as it goes: a breadth-first walk
        for byte, target in enumerate(moves[state].tolist()):
            if depth[target] < 0:
                depth[target] = depth[state] + 1
                order.append(target)
                children[state].append((byte, target))
    if len(order) != states:
        sys.exit("py3langid's DFA has unreachable states")
    fail = [0] * states
    for state in order:
        for byte, child in children[state]:
            fail[child] = 0 if state == 0 else int(moves[fail[state], byte])
    return order, children, fail


def double_array(
    order: list[int], children: list[list[tuple[int, int]]]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], int]:
    """Slots for the states (first fit, breadth first: the array comes out nearly full)
    and the base of each state, so that child ``(b, t)`` of ``s`` sits at
    ``base[s] + b == slot[t]``; and the number of slots (every ``base + 255`` inside)."""
    states = len(order)
    size = states + 1024
    free = np.ones(size, dtype=bool)
    slot = np.full(states, -1, dtype=np.int64)
    base = np.zeros(states, dtype=np.int64)
    slot[0] = 0
    free[0] = False
    first_free = 1
    for state in order:
        kids = children[state]
        if not kids:
            continue
        offsets = np.array([byte for byte, _ in kids], dtype=np.int64)
        # candidate bases: every free slot from first_free on, moved back by the first
        # child's byte; the first whose slots are all free wins
        start = max(first_free - int(offsets[0]), 0)
        while True:
            if start + 256 + 4096 > size:
                free = np.concatenate([free, np.ones(size, dtype=bool)])
                size *= 2
            fits = np.ones(4096, dtype=bool)
            for offset in offsets:
                fits &= free[start + offset : start + offset + 4096]
            found = np.flatnonzero(fits)
            if len(found):
                chosen = start + int(found[0])
                break
            start += 4096
        base[state] = chosen
        for byte, child in kids:
            slot[child] = chosen + byte
            free[chosen + byte] = False
        while not free[first_free]:
            first_free += 1
    slots = int(max(slot.max(), base.max() + 255)) + 1
    return slot, base, slots


def check_equivalence(moves: U32s, slot: npt.NDArray[np.int64], tables: dict[str, U32s]) -> None:
    """Exits unless, from every state on every byte, the core's walk (the child by the
    byte, else the same from the failure link, down to the root) reaches the state
    py3langid's DFA reaches."""
    check, base, fail = tables["check"], tables["base"], tables["fail"]
    root = int(slot[0])
    by_slot = slot.astype(np.uint32)
    byte = np.arange(256, dtype=np.int64)
    for first in range(0, len(moves), 8192):
        states = by_slot[first : first + 8192].astype(np.int64)[:, None]
        at = np.broadcast_to(states, (len(states), 256)).copy()
        reached = np.full(at.shape, -1, dtype=np.int64)
        for _ in range(8):  # a failure chain is at most as long as the trie is deep
            open_ = reached < 0
            target = base[at] + byte
            hit = open_ & (check[target] == at)
            reached[hit] = target[hit]
            at_root = open_ & ~hit & (at == root)
            reached[at_root] = root
            at = np.where(open_ & ~hit & ~at_root, fail[at], at)
        if (reached < 0).any() or (reached != by_slot[moves[first : first + 8192]]).any():
            sys.exit("the double-array automaton does not move as py3langid's DFA")


def serialise() -> bytes:
    """The model in the core's layout (see core/src/langid.rs), uncompressed."""
    ptc, pc, classes, nextmove, rows, output = load_model(MODEL_DIR / MODEL_FILE)
    features, n_classes = ptc.shape
    if len(pc) != n_classes or len(classes) != n_classes or len(output) != len(rows):
        sys.exit("unexpected py3langid model shape")
    moves = dense_moves(nextmove, rows)
    order, children, fail = trie_of(moves)
    slot, base, slots = double_array(order, children)
    check = np.full(slots, FREE, dtype=np.uint32)
    tables = {
        "check": check,
        "base": np.zeros(slots, dtype=np.uint32),
        "fail": np.full(slots, slot[0], dtype=np.uint32),
        "feature": np.full(slots, -1, dtype=np.int32).view(np.uint32),
    }
    for state, children_of in enumerate(children):
        for _, child in children_of:
            check[slot[child]] = slot[state]
    tables["base"][slot] = base
    tables["fail"][slot] = slot[np.asarray(fail)]
    tables["feature"][slot] = np.asarray(output, dtype=np.int32).view(np.uint32)
    check_equivalence(moves, slot, tables)
    names = b"".join(name.encode("ascii").ljust(4, b"\0")[:4] for name in classes)
    sizes = struct.pack("<4I", n_classes, features, slots, int(slot[0]))
    return b"".join(
        [
            MAGIC,
            sizes,
            names,
            np.asarray(pc, dtype="<f4").tobytes(),
            np.ascontiguousarray(ptc, dtype="<f2").tobytes(),
            *(tables[name].astype("<u4").tobytes() for name in ("check", "base", "fail")),
            tables["feature"].astype("<u4").tobytes(),
        ]
    )


def main() -> None:
    data = serialise()
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(zstandard.ZstdCompressor(level=19).compress(data))
    print(f"{TARGET}: {TARGET.stat().st_size:,} bytes ({len(data):,} uncompressed)")


if __name__ == "__main__":
    main()
