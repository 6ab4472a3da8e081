package dev.crier.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files that hold a secret (keys, passwords, tokens): readable by their owner alone where the file system knows owners. */
final class PrivateFiles {

    private PrivateFiles() {
    }

    /** Writes {@code content} to a new file that is owner-only before anything is in it. */
    static void write(Path target, String content) throws IOException {
        Files.deleteIfExists(target);
        Files.createFile(target);
        restrict(target);
        Files.writeString(target, content, StandardCharsets.UTF_8);
    }

    static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the user's profile folder already keeps it from other users.
        }
    }
}
