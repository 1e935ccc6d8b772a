/**
 * NumPy {@code .npy} files: reading (float32/float64, little or big endian, C or Fortran order),
 * streaming row by row for inputs larger than memory, and atomic writing (a temporary file moved
 * into place, so that a failed run leaves nothing half-written).
 */
package io.github.splice4j.npy;
