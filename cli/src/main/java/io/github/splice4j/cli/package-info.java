/**
 * The {@code splice} command-line tool: {@code solve}, {@code decompose}, {@code bench} and
 * {@code demo}. Errors in the input exit with status 2 and a message naming the file or argument;
 * outputs are written to a temporary file and moved into place, so a failed run leaves none behind.
 */
package io.github.splice4j.cli;
