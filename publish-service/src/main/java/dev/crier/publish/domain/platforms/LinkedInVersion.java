package dev.crier.publish.domain.platforms;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * A version of LinkedIn's versioned APIs, {@code YYYYMM}, sent as {@code Linkedin-Version}. LinkedIn releases one a
 * month and retires each about a year after its release, then answers 426 to it (LinkedIn Marketing API
 * versioning, learn.microsoft.com): a version older than eleven months is about to stop working.
 */
public record LinkedInVersion(YearMonth released) {

    /** Older than this, the version is near its retirement and a person must move to a newer one. */
    public static final int AGING_AFTER_MONTHS = 11;
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuuMM");

    /** @throws IllegalArgumentException for anything but {@code YYYYMM} */
    public static LinkedInVersion parse(String text) {
        String v = text == null ? "" : text.trim();
        if (!v.matches("\\d{6}")) {
            throw new IllegalArgumentException("a LinkedIn API version is written YYYYMM, like 202611, not '" + text + "'");
        }
        try {
            return new LinkedInVersion(YearMonth.parse(v, FORMAT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a LinkedIn API version (YYYYMM): " + e.getMessage());
        }
    }

    /** Whole months from its release to {@code today}. */
    public long monthsOld(LocalDate today) {
        return Math.max(0, ChronoUnit.MONTHS.between(released, YearMonth.from(today)));
    }

    public boolean aging(LocalDate today) {
        return monthsOld(today) > AGING_AFTER_MONTHS;
    }

    /** As the header carries it. */
    @Override
    public String toString() {
        return released.format(FORMAT);
    }
}
