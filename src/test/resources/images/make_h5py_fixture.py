"""Writes h5py-layout.h5 with h5py, the way the course's files were made, to check that densetrain
reads h5py's output (chunked, gzip-compressed, fixed-length byte strings) and not only jhdf's:
test_set_x uint8 (3, 4, 5, 3) with pixel (j, r, c, ch) = (50*j + 10*r + 2*c + ch) % 256,
test_set_y int64 (3,) = [0, 1, 1], list_classes |S7 = [b'non-cat', b'cat'].

usage: python3 make_h5py_fixture.py   (needs h5py and numpy; writes beside this script)
"""
import os

import h5py
import numpy as np

j, r, c, ch = np.meshgrid(np.arange(3), np.arange(4), np.arange(5), np.arange(3), indexing="ij")
x = ((50 * j + 10 * r + 2 * c + ch) % 256).astype(np.uint8)
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "h5py-layout.h5")
with h5py.File(out, "w") as f:
    f.create_dataset("test_set_x", data=x, chunks=(1, 4, 5, 3), compression="gzip")
    f.create_dataset("test_set_y", data=np.array([0, 1, 1], dtype=np.int64))
    f.create_dataset("list_classes", data=np.array([b"non-cat", b"cat"], dtype="S7"))
