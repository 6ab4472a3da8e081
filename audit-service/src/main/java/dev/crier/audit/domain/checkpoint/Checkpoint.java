package dev.crier.audit.domain.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A transparency-log checkpoint (C2SP tlog-checkpoint): the log's origin, its size and the Merkle root hash of that
 * many records. Its text is what a signed note signs.
 */
public record Checkpoint(String origin, long size, byte[] rootHash) {

    public Checkpoint {
        if (origin.isBlank() || origin.contains("\n")) {
            throw new IllegalArgumentException("origin must be one non-empty line");
        }
        if (size < 0 || rootHash.length != 32) {
            throw new IllegalArgumentException("size must be >= 0 and the root a SHA-256 hash");
        }
        rootHash = rootHash.clone();
    }

    /** The note body: origin, size and base64 root, each on its own line. */
    public String body() {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
    }

    /** Reads a note body back. */
    public static Checkpoint parse(String body) {
        String[] lines = body.split("\n", -1);
        if (lines.length < 4 || !lines[lines.length - 1].isEmpty()) {
            throw new IllegalArgumentException("a checkpoint body is three lines, each ending in a newline");
        }
        try {
            return new Checkpoint(lines[0], Long.parseLong(lines[1]), Base64.getDecoder().decode(lines[2]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a checkpoint body: " + e.getMessage(), e);
        }
    }

    public byte[] bodyBytes() {
        return body().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && c.origin.equals(origin) && c.size == size && Arrays.equals(c.rootHash, rootHash);
    }

    @Override
    public int hashCode() {
        return origin.hashCode() * 31 + Long.hashCode(size) * 17 + Arrays.hashCode(rootHash);
    }
}
