package dev.crier.policy.domain.rules;

import dev.crier.events.Finding;
import dev.crier.policy.domain.ScannedDraft;
import dev.crier.policy.domain.text.Chars;
import dev.crier.policy.domain.text.TextFolder;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * accessibility.alt-text: every image and video needs alt text that describes it. Not alt text: nothing, a file name
 * (IMG_1234.jpg, photo-final.png, DSC0001), a placeholder word (image, photo, logo, capture d'écran...), the post's
 * own text again, or a text too short to describe anything. Too short is fewer than three words or ten letters: a
 * description a screen reader user can use names what is shown and what it does or where it is ("Canoes on a dock"),
 * which takes three words; one or two ("Canoes", "Prime Minister") only label it.
 */
public final class AltTextRule implements Rule {

    private static final Pattern FILE_NAME = Pattern.compile("(?i)[\\w.-]+\\.(png|jpe?g|gif|webp|heic|svg|bmp|tiff?|mp4|mov|webm|avi)");
    /** One word with a digit or an underscore in it, the way cameras and phones name files (DSC0001, IMG_1234). */
    private static final Pattern FILE_STEM = Pattern.compile("[\\w-]*[\\d_][\\w-]*");
    private static final int MIN_WORDS = 3;
    private static final int MIN_LETTERS = 10;
    /** Words that name the medium, not what it shows, in English and French, folded (no accents, lower case). */
    private static final Set<String> PLACEHOLDERS = Set.of("image", "images", "photo", "photos", "photograph",
            "photographie", "picture", "pictures", "pic", "pics", "img", "graphic", "graphics", "graphique", "graphiques",
            "logo", "logos", "screenshot", "screenshots", "screen", "shot", "capture", "captures", "ecran", "illustration",
            "illustrations", "icon", "icone", "banner", "banniere", "video", "videos", "clip", "gif", "thumbnail",
            "vignette", "visuel", "placeholder", "alt", "text", "texte", "untitled", "sans", "titre", "description",
            "here", "ici", "attached", "attachment", "piece", "jointe");
    /** Words that carry nothing alone: articles, possessives and the like, which a placeholder may come with. */
    private static final Set<String> FILLER = Set.of("a", "an", "the", "this", "our", "my", "of", "un", "une", "le", "la",
            "les", "l", "d", "de", "du", "des", "cette", "ce", "notre", "nos", "ma", "mon", "is", "est");

    /** Why an alt text describes nothing, in both languages. */
    enum Problem {
        NONE("none given", "aucun"),
        FILE_NAME("a file name", "un nom de fichier"),
        PLACEHOLDER("a placeholder word", "un mot générique"),
        POST_TEXT("the post's own text repeated", "le texte de la publication répété"),
        TOO_SHORT("too short to describe it", "trop court pour le décrire");

        final String en;
        final String fr;

        Problem(String en, String fr) {
            this.en = en;
            this.fr = fr;
        }
    }

    private final Finding.Action action;

    public AltTextRule(Finding.Action action) {
        this.action = action;
    }

    @Override
    public String id() {
        return "accessibility.alt-text";
    }

    @Override
    public List<Finding> check(ScannedDraft draft) {
        List<Finding> findings = new ArrayList<>();
        var media = draft.draft().media();
        List<List<String>> posts = media.isEmpty() ? List.of() : draft.versions().stream().map(v -> words(v.folded().chars())).toList();
        for (int i = 0; i < media.size(); i++) {
            String alt = media.get(i).altText();
            Problem why = problem(alt, posts);
            if (why != null) {
                findings.add(new Finding(id(), action, false,
                        "Media item " + (i + 1) + " has no alt text describing it (" + why.en + ").",
                        "L'élément média " + (i + 1) + " n'a pas de texte de remplacement qui le décrit (" + why.fr + ").",
                        "media[" + i + "]", 0, 0, alt, "Describe what the image or video shows, for screen reader users."));
            }
        }
        return findings;
    }

    /** Why the alt text describes nothing, or null when it may; {@code posts} are the words of each version. */
    static Problem problem(String alt, List<List<String>> posts) {
        if (alt == null || alt.isBlank()) {
            return Problem.NONE;
        }
        String trimmed = alt.strip();
        if (FILE_NAME.matcher(trimmed).matches() || FILE_STEM.matcher(trimmed).matches()) {
            return Problem.FILE_NAME;
        }
        List<String> words = words(TextFolder.fold(alt).chars());
        if (!words.isEmpty() && words.stream().allMatch(w -> PLACEHOLDERS.contains(w) || FILLER.contains(w))) {
            return Problem.PLACEHOLDER;
        }
        if (posts.contains(words)) {
            return Problem.POST_TEXT;
        }
        long letters = words.stream().flatMapToInt(String::chars).filter(c -> Chars.isLetter((char) c)).count();
        return words.size() < MIN_WORDS || letters < MIN_LETTERS ? Problem.TOO_SHORT : null;
    }

    /** The words of a folded text: runs of letters and digits, so case, accents and punctuation do not count. */
    private static List<String> words(char[] folded) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= folded.length; i++) {
            boolean inWord = i < folded.length && Chars.isLetterOrDigit(folded[i]);
            if (inWord && start < 0) {
                start = i;
            } else if (!inWord && start >= 0) {
                words.add(new String(folded, start, i - start));
                start = -1;
            }
        }
        return words;
    }
}
