package dev.crier.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a log, to put in a failure message so the reader need not open the file first. */
public final class LogTail {
    private LogTail() {
    }

    public static String of(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return "\n  | " + String.join("\n  | ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
