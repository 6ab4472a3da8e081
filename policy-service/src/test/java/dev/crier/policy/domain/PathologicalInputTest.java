package dev.crier.policy.domain;

import dev.crier.events.DraftParser;
import dev.crier.events.Draft;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The largest versions ingest lets through (DraftParser.MAX_TEXT_LENGTH characters, in English and in French), each
 * made of one kind of character a rule reacts to, over and over: every evaluation must end in under 100 ms with the
 * whole canada-federal policy and no budget, so that no rule is quadratic in what it reads (the budget is a safety
 * net, not what keeps the engine fast). Each case runs twice to warm up, then five times, timed in the evaluating
 * thread's CPU time, and the fastest counts: on a shared machine a run can lose its core for a while (a fresh-clone
 * run once saw wall times 10 times the usual for a few seconds), which CPU time does not count. The times are
 * printed.
 * <p>
 * Cases marked "pii branch" spend most of their time in EmailRule, SinRule, PaymentCardRule, PhoneRule and
 * CredentialRule (the e-mail and JWT expressions are quadratic), which the "pii" branch rewrites into a shared detector
 * module; until it is merged they may fail here. They are not disabled on purpose.
 */
class PathologicalInputTest {

    static final int LIMIT_MS = 100;
    static PolicyEngine engine;

    @BeforeAll
    static void warmUp() {
        engine = TestEngines.engine("canada-federal");
        engine.warmUp();
    }

    /** The unit repeated to fill a version, and what it provokes. */
    static List<String[]> cases() {
        List<String[]> c = new ArrayList<>();
        c.add(new String[]{"digits", "1"}); // pii branch
        c.add(new String[]{"digit groups", "130 692 544 "}); // pii branch
        c.add(new String[]{"digits and hyphens", "1-"}); // pii branch
        c.add(new String[]{"digits and dots", "1."}); // pii branch
        c.add(new String[]{"phone-like", "(613) 555-01"}); // pii branch
        c.add(new String[]{"at signs", "@"});
        c.add(new String[]{"letters and at signs", "a@"}); // pii branch
        c.add(new String[]{"dots", "."});
        c.add(new String[]{"letters and dots", "a."});
        c.add(new String[]{"domain-like", "canada.ca."});
        c.add(new String[]{"hashes", "#"});
        c.add(new String[]{"hashtag-like", "#a"});
        c.add(new String[]{"slashes", "/"});
        c.add(new String[]{"http", "http"});
        c.add(new String[]{"schemes", "http://"});
        c.add(new String[]{"letters", "a"});
        c.add(new String[]{"spaced letters", "a "});
        c.add(new String[]{"leet and stars", "a*"});
        c.add(new String[]{"bangs", "a!"});
        c.add(new String[]{"upper-case words", "SECRET "});
        c.add(new String[]{"marking banner", "SECRET//"});
        c.add(new String[]{"upper case", "A"});
        c.add(new String[]{"JWT starts", "eyJ"}); // pii branch
        c.add(new String[]{"JWT-like", "eyJa."}); // pii branch
        c.add(new String[]{"key-like", "AKIA"});
        c.add(new String[]{"password-like", "password:"}); // pii branch
        c.add(new String[]{"hyphens", "-"});
        c.add(new String[]{"underscores", "_"});
        c.add(new String[]{"emoji", "\uD83D\uDD95"});
        c.add(new String[]{"combining marks", "e\u0301"});
        c.add(new String[]{"zero-width", "\u200B"});
        c.add(new String[]{"zero-width in words", "s\u200B"});
        c.add(new String[]{"no-break spaces", "a\u00A0"});
        c.add(new String[]{"Cyrillic look-alikes", "\u0455\u0435"});
        c.add(new String[]{"full-width", "\uFF33"});
        c.add(new String[]{"words", "vote Liberal "});
        c.add(new String[]{"sentences", "Flu clinics open Monday. "});
        c.add(new String[]{"newlines", "\n"});
        return c;
    }

    static String fill(String unit) {
        StringBuilder b = new StringBuilder(DraftParser.MAX_TEXT_LENGTH);
        while (b.length() + unit.length() <= DraftParser.MAX_TEXT_LENGTH) {
            b.append(unit);
        }
        return b.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyEvaluationOfAMaximumSizeDraftEndsInUnder100Milliseconds(String what, String unit) {
        String text = fill(unit);
        Draft draft = new Draft(text, "en", Map.of("fr", text), List.of("x", "mastodon", "bluesky", "facebook", "linkedin"),
                List.of(new Draft.Media("https://www.canada.ca/a.jpg", text.substring(0, Math.min(text.length(), 1000)), "image/jpeg")),
                new Draft.Author("u-1", null, null), null, null, null, null);
        for (int i = 0; i < 2; i++) {
            engine.evaluate(draft);
        }
        long best = Long.MAX_VALUE;
        List<Long> runs = new ArrayList<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 5; i++) {
            long start = threads.getCurrentThreadCpuTime();
            engine.evaluate(draft);
            long ms = (threads.getCurrentThreadCpuTime() - start) / 1_000_000;
            runs.add(ms);
            best = Math.min(best, ms);
        }
        System.out.printf("pathological %-24s %s ms%n", what, runs);
        assertThat(best).as(what + " (ms)").isLessThan(LIMIT_MS);
    }
}
