package io.github.splice4j.cli;

import io.github.splice4j.SpliceInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reading small text inputs (one item per line), with errors that name the option and file. */
final class TextFiles {
    private TextFiles() {
    }

    static List<String> nonBlankLines(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw new SpliceInputException(option + ": " + file + ": no such file");
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(l -> !l.isEmpty()).toList();
            if (lines.isEmpty()) {
                throw new SpliceInputException(option + ": " + file + ": the file is empty");
            }
            return lines;
        } catch (IOException e) {
            throw new SpliceInputException(option + ": " + file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
