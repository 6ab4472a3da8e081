package dev.crier.publish.domain;

import dev.crier.events.Draft;

import java.util.List;

/**
 * The text an account gets: the English version for an English account, the French for a French one, both (English
 * first, then French) for a bilingual one.
 */
public record PostText(String text, List<String> languages) {

    static final String BILINGUAL_SEPARATOR = "\n\n";

    public PostText {
        languages = List.copyOf(languages);
    }

    /** @throws NotPublishableException when the draft lacks the version the account needs, or holds media */
    public static PostText forAccount(Draft draft, Account account) {
        if (!draft.media().isEmpty()) {
            // The connectors do not upload media yet; a post without the images that were approved is not the post.
            throw new NotPublishableException("the draft has " + draft.media().size() + " image(s) or video(s) and "
                    + "Crier does not upload media yet: it was not published without them");
        }
        return switch (account.language()) {
            case EN -> new PostText(version(draft, "en", account), List.of("en"));
            case FR -> new PostText(version(draft, "fr", account), List.of("fr"));
            case BILINGUAL -> new PostText(version(draft, "en", account) + BILINGUAL_SEPARATOR
                    + version(draft, "fr", account), List.of("en", "fr"));
        };
    }

    private static String version(Draft draft, String language, Account account) {
        String text = draft.versions().get(language);
        if (text == null || text.isBlank()) {
            throw new NotPublishableException("the draft has no " + (language.equals("en") ? "English" : "French")
                    + " version, which the " + account.language().name().toLowerCase() + " account " + account.key() + " needs");
        }
        return text.strip();
    }

    /** Fails with the platform's count when the text is longer than the platform allows; nothing is cut. */
    public void checkFits(PlatformConnector connector, Account account) {
        int max = connector.maxLength(account);
        int length = connector.length(text);
        if (length > max) {
            throw new NotPublishableException("the " + (languages.size() > 1 ? "bilingual " : "") + "text is "
                    + length + " characters as " + connector.platform() + " counts them, over its limit of " + max
                    + (languages.size() > 1 ? "; the account needs both versions in one post" : ""));
        }
    }
}
