package io.github.splice4j.cli;

import io.github.splice4j.SpliceInputException;

import io.github.splice4j.internal.InputFiles;

import java.nio.file.Path;
import java.util.List;

/** Reading small text inputs (one item per line), with errors that name the option and file. */
final class TextFiles {
    private TextFiles() {
    }

    static List<String> nonBlankLines(Path file, String option) {
        List<String> lines;
        try {
            lines = InputFiles.readLines(file).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        } catch (SpliceInputException e) {
            throw new SpliceInputException(option + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new SpliceInputException(option + ": " + file + ": the file is empty");
        }
        return lines;
    }
}
