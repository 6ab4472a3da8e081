package dev.crier.ingest.domain;

import dev.crier.events.AccountsListed;
import dev.crier.events.Draft;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Which platforms of a draft no official account can take: none on the platform for the author's department, or
 * one that publishes a language the draft has no version in. The same matching as publish-service's (one account per
 * platform and department, departments without regard to case), so what passes here has an account there.
 */
public final class AccountCheck {

    /** A platform the draft names that cannot be published, by its place in {@code platforms}. */
    public record Refusal(String field, String reason) {
    }

    private AccountCheck() {
    }

    public static List<Refusal> refusals(AccountsListed registry, Draft draft) {
        String department = draft.author() == null ? null : draft.author().department();
        List<Refusal> refusals = new ArrayList<>();
        List<String> platforms = draft.platforms();
        var seen = new LinkedHashSet<String>();
        for (int i = 0; i < platforms.size(); i++) {
            String platform = platforms.get(i);
            if (!seen.add(platform)) {
                continue;
            }
            String field = "platforms[" + i + "]";
            var account = registry.find(platform, department);
            if (account.isEmpty()) {
                refusals.add(new Refusal(field, "no official " + platform + " account for department "
                        + (department == null ? "(none given in author.department)" : department)));
                continue;
            }
            for (String language : account.get().needs()) {
                String version = draft.versions().get(language);
                if (version == null || version.isBlank()) {
                    refusals.add(new Refusal(field, "the " + platform + " account " + account.get().handle() + " of "
                            + department + " publishes " + describe(account.get()) + " and the draft has no "
                            + (language.equals("en") ? "English" : "French") + " version"));
                    break;
                }
            }
        }
        return refusals;
    }

    private static String describe(AccountsListed.Account account) {
        return switch (account.language()) {
            case "en" -> "in English only";
            case "fr" -> "in French only";
            default -> "in English and French";
        };
    }
}
