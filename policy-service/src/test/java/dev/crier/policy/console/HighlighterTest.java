package dev.crier.policy.console;

import dev.crier.events.Finding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HighlighterTest {

    static Finding at(String version, int start, int end, Finding.Action action) {
        return new Finding("privacy.email", action, true, "m", "m", version, start, end, "x", null);
    }

    @Test
    void marksEachFindingOfThisVersionOnlyAndKeepsEveryCharacterOnce() {
        String text = "Write pat@gmail.com or call";
        var pieces = Highlighter.pieces(text, "en", List.of(at("en", 6, 19, Finding.Action.REVIEW),
                at("fr", 0, 5, Finding.Action.BLOCK), at("en", 10, 22, Finding.Action.BLOCK)));
        assertThat(pieces).extracting(Highlighter.Piece::text).containsExactly("Write ", "pat@gmail.com", " or", " call");
        assertThat(pieces).extracting(Highlighter.Piece::action).containsExactly(null, "review", "block", null);
        assertThat(String.join("", pieces.stream().map(Highlighter.Piece::text).toList())).isEqualTo(text);
    }

    @Test
    void ignoresSpansOutsideTheText() {
        assertThat(Highlighter.pieces("short", "en", List.of(at("en", 2, 40, Finding.Action.REVIEW))))
                .extracting(Highlighter.Piece::text).containsExactly("short");
    }
}
