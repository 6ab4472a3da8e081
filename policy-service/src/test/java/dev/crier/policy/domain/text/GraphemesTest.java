package dev.crier.policy.domain.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GraphemesTest {

    @Test
    void widensASpanToWholeGraphemesAndLeavesPlainOnesAlone() {
        assertThat(new Graphemes("plain text").widen(0, 5)).containsExactly(0, 5);
        // e + combining acute: the accent belongs to the e.
        assertThat(new Graphemes("cafe\u0301 ouvert").widen(0, 4)).containsExactly(0, 5);
        // A family emoji (man, ZWJ, woman, ZWJ, girl) is one grapheme: a cut inside it takes all of it.
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        assertThat(new Graphemes("x " + family + " y").widen(2, 4)).containsExactly(2, 2 + family.length());
        // Half a surrogate pair is never left.
        assertThat(new Graphemes("a\uD83D\uDD95b").widen(1, 2)).containsExactly(1, 3);
    }

    @Test
    void masksAfterTheFirstGraphemeOrWhollyWhenThereIsOne() {
        assertThat(Graphemes.maskAfterFirst("shit")).isEqualTo("s***");
        assertThat(Graphemes.maskAfterFirst("\uD83D\uDD95")).isEqualTo("*");
        assertThat(Graphemes.maskAfterFirst("\uD83D\uDD95\uD83C\uDFFD")).isEqualTo("*");
        assertThat(Graphemes.maskAfterFirst("e\u0301cole")).isEqualTo("e\u0301****");
    }
}
