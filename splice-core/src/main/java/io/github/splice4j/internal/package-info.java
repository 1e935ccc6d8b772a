/**
 * Helpers shared by Splice4J's modules (vector arithmetic, argument checks, file digests). Internal: not part of
 * the API, and may change without notice.
 */
package io.github.splice4j.internal;
