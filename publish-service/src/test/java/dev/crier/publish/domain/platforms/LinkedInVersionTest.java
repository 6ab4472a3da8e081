package dev.crier.publish.domain.platforms;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkedInVersionTest {

    @Test
    void readsYearAndMonthAndWritesThemBackAsTheHeaderCarriesThem() {
        LinkedInVersion version = LinkedInVersion.parse(" 202506 ");
        assertThat(version.released()).isEqualTo(YearMonth.of(2025, 6));
        assertThat(version).hasToString("202506");
    }

    @Test
    void isAgingOnceMoreThanElevenMonthsOld() {
        LinkedInVersion june = LinkedInVersion.parse("202506");
        assertThat(june.monthsOld(LocalDate.of(2025, 6, 30))).isZero();
        assertThat(june.monthsOld(LocalDate.of(2026, 5, 31))).isEqualTo(11);
        assertThat(june.aging(LocalDate.of(2026, 5, 31))).isFalse();
        assertThat(june.aging(LocalDate.of(2026, 6, 1))).isTrue();
        assertThat(june.monthsOld(LocalDate.of(2026, 12, 7))).isEqualTo(18);
        // A version from the future (a clock set wrong, a typo) is not old.
        assertThat(LinkedInVersion.parse("202712").monthsOld(LocalDate.of(2026, 12, 7))).isZero();
    }

    @Test
    void anythingButYearAndMonthIsRefusedWithTheExpectedForm() {
        for (String bad : new String[] {"2025-06", "20250601", "202513", "202500", "latest", "", null}) {
            assertThatThrownBy(() -> LinkedInVersion.parse(bad)).as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("YYYYMM");
        }
    }
}
