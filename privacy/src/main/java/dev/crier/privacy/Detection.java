package dev.crier.privacy;

/**
 * One piece of personal information or one secret found in a text. {@code start} and {@code end} are UTF-16 offsets
 * into the original text, covering every code point of the finding (a zero-width character inside it included) and
 * never splitting a surrogate pair. {@code cueStart} is where the word that revealed it begins ("password: ",
 * "Bearer "), or {@code start} when nothing did: the policy's finding and the audit's mask both cover
 * [{@code cueStart}, {@code end}). {@code normalized} is [{@code start}, {@code end}) as matched: ASCII digits,
 * separators folded to ' ', '-' or '.', format characters dropped.
 */
public record Detection(Kind kind, int start, int end, int cueStart, String normalized) {

    public Detection {
        if (cueStart > start || start >= end) {
            throw new IllegalArgumentException("not a span: " + cueStart + ", " + start + ", " + end);
        }
    }

    /** Only where it is: a detection's value must not reach a log by accident. */
    @Override
    public String toString() {
        return kind.id() + "[" + start + ", " + end + ")";
    }
}
