package dev.crier.publish.domain.platforms;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/**
 * The title and description of the page a post links to, for the platforms that show a link card (Bluesky): read
 * from the page's Open Graph tags ({@code og:title}, {@code og:description}), else its {@code <title>} and meta
 * description, with jsoup (which also finds the page's charset). The page comes through the {@link GuardedFetcher};
 * a page that cannot be fetched or has no title gives no card, and the post goes out without one.
 */
public final class LinkPreview {

    /** What a card shows. */
    public record Card(String uri, String title, String description) {
    }

    static final int MAX_TITLE = 300;
    static final int MAX_DESCRIPTION = 1000;

    private final Function<URI, GuardedFetcher.Fetched> pages;

    /** @param pages fetches an HTML page, or throws {@link GuardedFetcher.RefusedException} */
    public LinkPreview(Function<URI, GuardedFetcher.Fetched> pages) {
        this.pages = pages;
    }

    /** No card for any link (no host is allowed to be fetched from). */
    public static LinkPreview none() {
        return new LinkPreview(uri -> {
            throw new GuardedFetcher.RefusedException("no host is allowed (crier.publish.fetch.allowed-hosts)");
        });
    }

    public Optional<Card> of(String link) {
        try {
            URI uri = URI.create(link);
            GuardedFetcher.Fetched page = pages.apply(uri);
            Document html = Jsoup.parse(new ByteArrayInputStream(page.body()), null, page.uri().toString());
            String title = first(meta(html, "property", "og:title"), html.title());
            if (title.isBlank()) {
                return Optional.empty();
            }
            String description = first(meta(html, "property", "og:description"), meta(html, "name", "description"));
            return Optional.of(new Card(link, cut(title, MAX_TITLE), cut(description, MAX_DESCRIPTION)));
        } catch (GuardedFetcher.RefusedException | IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    private static String meta(Document html, String attribute, String name) {
        Element tag = html.selectFirst("meta[" + attribute + "=" + name + "]");
        return tag == null ? "" : tag.attr("content");
    }

    private static String first(String preferred, String fallback) {
        return (preferred.isBlank() ? fallback : preferred).strip().replaceAll("\\s+", " ");
    }

    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 2)) ? max - 2 : max - 1;
        return text.substring(0, end) + "…";
    }
}
