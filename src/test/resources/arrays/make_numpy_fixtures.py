"""Writes the array fixtures that densetrain's IDX / NPY / NPZ readers are tested against, with numpy
itself (np.save, np.savez, np.savez_compressed) and, for IDX, numpy's big-endian tobytes.

Every image array holds the same 3 examples of 4x5 pixels, pixel (j, r, c) = (50*j + 10*r + 2*c) % 256,
so numpy's x.reshape(3, -1)[1, :6] is 50 52 54 56 58 60; labels are [0, 1, 1] ([2, 0, 1] for y3).

  x_u1.npy        uint8 (3, 4, 5), C order               y_i8.npy    int64 (3,) [0, 1, 1]
  x_f8_be_f.npy   >f8 (3, 4, 5), Fortran order           y_u1_2d.npy uint8 (3, 1)
  x_f4_2d.npy     <f4 (3, 20) = x.reshape(3, -1)         y_bool.npy  bool (3,)
  x_i2_be.npy     >i2 (3, 4, 5)                          y_f8.npy    float64 (3,) [0., 1., 1.]
  x_f2.npy        float16 (3, 4, 5)
  x_u1_rgb.npy    uint8 (3, 4, 5, 3), channel ch = x + ch
  x_v2.npy, x_v3.npy  uint8 (3, 4, 5) in .npy format versions 2.0 and 3.0 (4-byte header length)
  mnist_like.npz  np.savez (stored): x_train uint8 (3, 4, 5), y_train, x_test = x[:2] + 1, y_test [1, 0]
  keys.npz        np.savez_compressed (deflated): images float32 (3, 20), targets y3 = [2, 0, 1]
  tiny-images-idx3-ubyte     IDX uint8 (3, 4, 5)       tiny-labels-idx1-ubyte.gz  IDX uint8 (3,), gzipped
  pickled.npy     an object array (np.save(allow_pickle=True)): must be refused
  strings.npy     <U3 (3,): an unsupported dtype

usage: python3 make_numpy_fixtures.py [OUT_DIR]   (numpy only; default: beside this script)
"""
import gzip
import os
import struct
import sys

import numpy as np

out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
os.makedirs(out, exist_ok=True)
p = lambda name: os.path.join(out, name)

j, r, c = np.meshgrid(np.arange(3), np.arange(4), np.arange(5), indexing="ij")
x = ((50 * j + 10 * r + 2 * c) % 256).astype(np.uint8)
y = np.array([0, 1, 1], dtype=np.int64)

np.save(p("x_u1.npy"), x)
np.save(p("x_f8_be_f.npy"), np.asfortranarray(x.astype(">f8")))
np.save(p("x_f4_2d.npy"), x.reshape(3, -1).astype("<f4"))
np.save(p("x_i2_be.npy"), x.astype(">i2"))
np.save(p("x_f2.npy"), x.astype(np.float16))
np.save(p("x_u1_rgb.npy"), np.stack([x + ch for ch in range(3)], axis=-1).astype(np.uint8))
for version in (2, 3):
    with open(p("x_v%d.npy" % version), "wb") as f:
        np.lib.format.write_array(f, x, version=(version, 0))
np.save(p("y_i8.npy"), y)
np.save(p("y_u1_2d.npy"), y.astype(np.uint8).reshape(3, 1))
np.save(p("y_bool.npy"), y.astype(bool))
np.save(p("y_f8.npy"), y.astype(np.float64))
np.savez(p("mnist_like.npz"), x_train=x, y_train=y, x_test=x[:2] + 1, y_test=np.array([1, 0], dtype=np.int64))
np.savez_compressed(p("keys.npz"), images=x.reshape(3, -1).astype(np.float32), targets=np.array([2, 0, 1], dtype=np.int64))
np.save(p("pickled.npy"), np.array([{"a": 1}, None, 3], dtype=object), allow_pickle=True)
np.save(p("strings.npy"), np.array(["a", "bb", "ccc"]))


def idx(array, type_byte):
    header = struct.pack(">BBBB", 0, 0, type_byte, array.ndim) + struct.pack(">" + "i" * array.ndim, *array.shape)
    return header + array.astype(array.dtype.newbyteorder(">")).tobytes(order="C")


with open(p("tiny-images-idx3-ubyte"), "wb") as f:
    f.write(idx(x, 0x08))
with gzip.GzipFile(p("tiny-labels-idx1-ubyte.gz"), "wb", mtime=0) as f:
    f.write(idx(y.astype(np.uint8), 0x08))

print("numpy", np.__version__, "wrote the fixtures into", out)
