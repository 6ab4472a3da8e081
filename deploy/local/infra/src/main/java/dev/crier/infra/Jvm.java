package dev.crier.infra;

import java.nio.file.Path;

/** The java launcher of the running JVM, so that child processes use the same JDK. */
final class Jvm {
    private Jvm() {
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
