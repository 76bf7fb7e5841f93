"""Writes py3langid's language model in the layout the compiled core reads
(``core/src/langid.rs``), compressed with zstandard, to ``newslint/data/langid.bin.zst``.

    pip install 'py3langid==0.4.0' zstandard numpy
    python core/tools/export_langid_model.py

The model is py3langid's (BSD-3-Clause, the langid.py model retrained by its authors);
newslint ships it inside the package so that identifying a language needs no download
and no decompression of py3langid's LZMA file (0.8 s) at start-up.
``tests/test_language.py`` checks that the shipped model gives py3langid's answers.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

import numpy as np
import zstandard
from py3langid.langid import MODEL_DIR, MODEL_FILE
from py3langid.modelio import load_model

TARGET = Path(__file__).resolve().parents[2] / "newslint" / "data" / "langid.bin.zst"


def serialise() -> bytes:
    """The model as the core's layout (see core/src/langid.rs), uncompressed."""
    ptc, pc, classes, nextmove, rows, output = load_model(MODEL_DIR / MODEL_FILE)
    moves = np.asarray(nextmove, dtype="<u4")
    # Keep py3langid's distinct rows: each state points at one (nextmove_row).
    state_row = np.asarray(rows, dtype="<u4")
    features, n_classes = ptc.shape
    if len(pc) != n_classes or len(classes) != n_classes or len(output) != len(state_row):
        sys.exit("unexpected py3langid model shape")
    names = b"".join(name.encode("ascii").ljust(4, b"\0")[:4] for name in classes)
    header = b"NLLANGID" + struct.pack("<4I", n_classes, features, len(moves) // 256, len(rows))
    return b"".join(
        [
            header,
            names,
            np.asarray(pc, dtype="<f4").tobytes(),
            np.ascontiguousarray(ptc, dtype="<f2").tobytes(),
            moves.tobytes(),
            state_row.tobytes(),
            np.asarray(output, dtype="<i4").tobytes(),
        ]
    )


def main() -> None:
    data = serialise()
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(zstandard.ZstdCompressor(level=19).compress(data))
    print(f"{TARGET}: {TARGET.stat().st_size:,} bytes ({len(data):,} uncompressed)")


if __name__ == "__main__":
    main()
