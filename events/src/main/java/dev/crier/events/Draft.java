package dev.crier.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A post as its author wrote it: the text in its declared language, its translations, where it should go and when.
 */
public record Draft(
        String text,
        String language,
        Map<String, String> translations,
        List<String> platforms,
        List<Media> media,
        Author author,
        String category,
        Instant publishAt,
        String repostOf,
        String externalId) {

    public Draft {
        translations = translations == null ? Map.of() : Map.copyOf(translations);
        platforms = platforms == null ? List.of() : List.copyOf(platforms);
        media = media == null ? List.of() : List.copyOf(media);
    }

    /** Every version of the text, the declared language first: the key is the language code. */
    public Map<String, String> versions() {
        var all = new java.util.LinkedHashMap<String, String>();
        all.put(language, text);
        translations.forEach(all::putIfAbsent);
        return all;
    }

    public record Media(String url, String altText, String mimeType) {
    }

    public record Author(String id, String name, String department) {
    }
}
