package dev.crier.policy.domain.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CharsTest {

    @Test
    void answerAsTheJdkForEveryChar() {
        for (int i = Character.MIN_VALUE; i <= Character.MAX_VALUE; i++) {
            char c = (char) i;
            assertThat(Chars.isLetter(c)).as("letter U+%04X", i).isEqualTo(Character.isLetter(c));
            assertThat(Chars.isLetterOrDigit(c)).as("letter or digit U+%04X", i).isEqualTo(Character.isLetterOrDigit(c));
        }
    }
}
