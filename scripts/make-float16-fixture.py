#!/usr/bin/env python3
"""Makes the float16 .npy fixtures of splice-core's NpyTest with NumPy (a developer's machine only; CI reads the
committed files). Command used: python3 scripts/make-float16-fixture.py   (NumPy 2.4.6)

  values_f2.npy     20 x 50 float16, little-endian: subnormals, the largest half, -0.0, and random values
                    over exponents -20..15
  values_f2_be.npy  the same array, big-endian ('>f2')
  values_f8.npy     the same values as float64 (exact), the reference for decoding
  round_f4.npy      1000 float32 values (random, exact ties between halves, overflow to inf)
  round_f2.npy      NumPy's float16 rounding of them (astype(np.float16)), the reference for encoding
"""
import os
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                   "splice-core/src/test/resources/io/github/splice4j/float16")
rng = np.random.default_rng(7)
special = np.array([0.0, -0.0, 1.0, -1.0, 65504.0, -65504.0, 2.0 ** -24, -(2.0 ** -24), 2.0 ** -14,
                    1023 * 2.0 ** -24, 0.333251953125, 1.0009765625], dtype=np.float16)
rand = (rng.standard_normal(1000 - special.size) * 2.0 ** rng.integers(-20, 16, 1000 - special.size))
rand = np.clip(rand, -65504, 65504).astype(np.float16)
values = np.concatenate([special, rand]).reshape(20, 50)
np.save(os.path.join(OUT, "values_f2.npy"), values.astype("<f2"))
np.save(os.path.join(OUT, "values_f2_be.npy"), values.astype(">f2"))
np.save(os.path.join(OUT, "values_f8.npy"), values.astype(np.float64))

halves = rng.standard_normal(300).astype(np.float16).astype(np.float32)
nxt = np.nextafter(halves.astype(np.float16), np.float16(np.inf)).astype(np.float32)
ties = (halves + (nxt - halves) / 2).astype(np.float32)          # exactly halfway between two halves
x = np.concatenate([
    (rng.standard_normal(600) * 2.0 ** rng.integers(-27, 17, 600)).astype(np.float32),
    ties,
    np.array([65519.0, 65520.0, 70000.0, -65520.0, 2.0 ** -25, 2.0 ** -25 * 1.5, 2.0 ** -26], dtype=np.float32),
])
x = np.concatenate([x, np.zeros(1000 - x.size, dtype=np.float32)])
np.save(os.path.join(OUT, "round_f4.npy"), x.reshape(1, -1).astype("<f4"))
np.save(os.path.join(OUT, "round_f2.npy"), x.astype(np.float16).reshape(1, -1).astype("<f2"))
