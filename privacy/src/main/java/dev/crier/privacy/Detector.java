package dev.crier.privacy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntBinaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal information (Social Insurance Numbers, payment cards, e-mail addresses, North American phone
 * numbers) and secrets (labelled passwords and secrets, bearer tokens, AWS/GitHub/Slack tokens, JWTs, private keys,
 * internal host names and private IP addresses) in a text. The policy's rules and the audit's masking both use it,
 * so what the policy calls personal or secret is always what the audit masks.
 *
 * <p>It reads the text's {@link Skeleton}, so a number grouped with no-break spaces or dashes, written in full-width
 * or Arabic-Indic digits, or split by zero-width characters is the number it stands for. Every scan takes time linear
 * in the text: the regular expressions have bounded or possessive quantifiers, and numbers, e-mail addresses, JWTs,
 * key blocks and host names, whose unbounded parts a regular expression would read again from every start, are
 * scanned by hand.
 */
public final class Detector {

    // Gates: one pass over the skeleton says which detectors could find anything (most texts open none).
    static final int NUMBER = 1;
    static final int AT_SIGN = 1 << 1;
    static final int SECRET_WORD = 1 << 2;
    static final int BEARER = 1 << 3;
    static final int JWT_GATE = 1 << 4;
    static final int AWS = 1 << 5;
    static final int GITHUB = 1 << 6;
    static final int SLACK = 1 << 7;
    static final int KEY_BLOCK = 1 << 8;
    static final int HOST = 1 << 9;
    static final int IP = 1 << 10;
    static final int ALL = (1 << 11) - 1;

    /** The fewest digits of a number detection (a SIN's nine), and the most separators between two of its digits. */
    private static final int DIGIT_RUN_MIN = 9;
    private static final int DIGIT_GAP_MAX = 2;

    /** Nine digits grouped 3-3-3 with the same separator or none (matched against a whole run of digits). */
    private static final Pattern SIN = Pattern.compile("\\d{3}([ .-]?)\\d{3}\\1\\d{3}");
    /** 13 to 19 digits, with a space or dash anywhere between two, or dotted in fours (against a whole run). */
    private static final Pattern CARD = Pattern.compile("\\d(?:[ -]?\\d){12,18}|\\d{4}(?:\\.\\d{4}){2}\\.\\d{1,7}");
    /** NANP: area code and exchange start with 2 to 9; an optional +1 before. Searched only near a run's end. */
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\d+][ .-]?)(?<!\\d)(?:\\+?1[ .-]?)?(?:\\([2-9]\\d{2}\\)|[2-9]\\d{2})[ .-]?[2-9]\\d{2}[ .-]?\\d{4}(?![ .-]?\\d)");
    /** The longest SIN or card run (19 digits, 18 separators), phone (+1 (613) 555-0199), and what a phone has before its run. */
    private static final int LONGEST_RUN = 37;
    private static final int LONGEST_PHONE = 17;
    private static final int PHONE_BEFORE_RUN = 9;

    /** A word that labels a secret, then ':', '=', "is" or "est", then the value (group 2). */
    private static final Pattern LABELLED = Pattern.compile(
            "(?i)\\b(password|passcode|passwd|mot de passe|pwd|pass phrase|passphrase|secret|api[_ -]?key|access[_ -]?key"
                    + "|token)\\b\\s*+(?::|=|\\bis\\b|\\best\\b)\\s*+[\"']?+([^\\s\"',;]++)");
    private static final Pattern BEARER_TOKEN = Pattern.compile("(?i)\\bbearer\\s++([A-Za-z0-9._~+/-]++=*+)");
    private static final Pattern AWS_KEY = Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b");
    private static final Pattern GITHUB_TOKEN = Pattern.compile(
            "\\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,}+)\\b");
    private static final Pattern SLACK_TOKEN = Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}+");
    /** The top-level names of internal networks (RFC 6762's .local, .internal, and the customary .corp and .lan). */
    private static final List<String> INTERNAL_NAMES = List.of("internal", "local", "corp", "lan");
    private static final Pattern PRIVATE_IP = Pattern.compile(
            "(?<![\\d.])(?:10\\.\\d{1,3}|172\\.(?:1[6-9]|2\\d|3[01])|192\\.168)\\.\\d{1,3}\\.\\d{1,3}(?!\\d|\\.\\d)");

    private static final Comparator<Detection> ORDER = Comparator.comparingInt(Detection::cueStart)
            .thenComparing(Comparator.comparingInt(Detection::end).reversed())
            .thenComparing(Detection::kind);

    private Detector() {
    }

    /** Everything found in {@code text}, by cue start (then longest first); empty for most texts, at the cost of a pass. */
    public static List<Detection> detect(String text) {
        Skeleton skeleton = Skeleton.of(text);
        return scan(skeleton, gates(skeleton.text()));
    }

    /** Runs the detectors whose gate is open. */
    static List<Detection> scan(Skeleton skeleton, int gates) {
        if (gates == 0) {
            return List.of();
        }
        String s = skeleton.text();
        List<Detection> found = new ArrayList<>();
        if ((gates & NUMBER) != 0) {
            numbers(skeleton, found);
        }
        if ((gates & AT_SIGN) != 0) {
            emails(skeleton, found);
        }
        if ((gates & SECRET_WORD) != 0) {
            Matcher m = LABELLED.matcher(s);
            while (m.find()) {
                String word = m.group(1).toLowerCase(Locale.ROOT);
                boolean password = word.equals("password") || word.equals("passcode") || word.equals("passwd")
                        || word.equals("mot de passe");
                add(found, skeleton, password ? Kind.PASSWORD : Kind.LABELLED_SECRET, m.start(), m.start(2), m.end(2));
            }
        }
        if ((gates & BEARER) != 0) {
            Matcher m = BEARER_TOKEN.matcher(s);
            while (m.find()) {
                add(found, skeleton, Kind.BEARER_TOKEN, m.start(), m.start(1), m.end(1));
            }
        }
        if ((gates & JWT_GATE) != 0) {
            jwts(skeleton, found);
        }
        matches(found, skeleton, gates & AWS, AWS_KEY, Kind.AWS_ACCESS_KEY);
        matches(found, skeleton, gates & GITHUB, GITHUB_TOKEN, Kind.GITHUB_TOKEN);
        matches(found, skeleton, gates & SLACK, SLACK_TOKEN, Kind.SLACK_TOKEN);
        if ((gates & KEY_BLOCK) != 0) {
            keyBlocks(skeleton, found);
        }
        if ((gates & HOST) != 0) {
            internalHosts(skeleton, found);
        }
        matches(found, skeleton, gates & IP, PRIVATE_IP, Kind.PRIVATE_IP);
        found.sort(ORDER);
        return found;
    }

    private static void matches(List<Detection> found, Skeleton skeleton, int gate, Pattern pattern, Kind kind) {
        if (gate == 0) {
            return;
        }
        Matcher m = pattern.matcher(skeleton.text());
        while (m.find()) {
            add(found, skeleton, kind, m.start(), m.start(), m.end());
        }
    }

    private static void add(List<Detection> found, Skeleton skeleton, Kind kind, int cue, int start, int end) {
        found.add(new Detection(kind, skeleton.start(start), skeleton.end(end), skeleton.start(cue),
                skeleton.text().substring(start, end)));
    }

    /**
     * Runs of digits joined by at most one of " .-" (what the numbers' "not part of a longer number" means): a SIN or
     * card number is a whole run; a phone number ends where a run ends, which has seven digits or more and ends in
     * four, and is searched for only in the few characters before that end. Each run is read once.
     */
    private static void numbers(Skeleton skeleton, List<Detection> found) {
        String s = skeleton.text();
        Matcher phone = PHONE.matcher(s).useTransparentBounds(true).useAnchoringBounds(false);
        int i = 0;
        while (i < s.length()) {
            if (!isDigit(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            int end = i;
            int digits = 0;
            while (end < s.length()) {
                char ch = s.charAt(end);
                if (isDigit(ch)) {
                    digits++;
                } else if (!((ch == ' ' || ch == '.' || ch == '-') && end + 1 < s.length() && isDigit(s.charAt(end + 1)))) {
                    break;
                }
                end++;
            }
            if (digits >= DIGIT_RUN_MIN && end - start <= LONGEST_RUN) {
                String run = s.substring(start, end);
                if (SIN.matcher(run).matches() && run.charAt(0) != '0' && run.charAt(0) != '8' && Luhn.isValid(run)) {
                    add(found, skeleton, Kind.SIN, start, start, end);
                } else if (CARD.matcher(run).matches() && Luhn.isValid(run)) {
                    add(found, skeleton, Kind.PAYMENT_CARD, start, start, end);
                }
            }
            if (digits >= 7 && end - start >= 4 && isDigit(s.charAt(end - 4)) && isDigit(s.charAt(end - 3))
                    && isDigit(s.charAt(end - 2))) {
                phone.region(Math.max(Math.max(0, start - PHONE_BEFORE_RUN), end - LONGEST_PHONE), end);
                if (phone.find()) {
                    add(found, skeleton, Kind.PHONE, phone.start(), phone.start(), phone.end());
                }
            }
            i = end;
        }
    }

    private static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }

    /**
     * Each '@' with a local part of [A-Za-z0-9._%+-] before it and a domain after it: labels of letters, digits and
     * inner hyphens, the last one's leading letters (two or more) its top-level domain, as many labels as fit. Each
     * character is read at most twice (the local part stops at the previous '@', the domain at the next).
     */
    private static void emails(Skeleton skeleton, List<Detection> found) {
        String s = skeleton.text();
        for (int at = s.indexOf('@'); at >= 0; at = s.indexOf('@', at + 1)) {
            int start = at;
            while (start > 0 && isLocal(s.charAt(start - 1))) {
                start--;
            }
            if (start == at) {
                continue;
            }
            // The top-level domain: a label's leading letters, two or more.
            int end = hostEnd(s, at + 1, (label, labelEnd) -> {
                int letters = label;
                while (letters < labelEnd && isAsciiLetter(s.charAt(letters))) {
                    letters++;
                }
                return letters - label >= 2 ? letters : -1;
            });
            if (end > 0) {
                add(found, skeleton, Kind.EMAIL, start, start, end);
            }
        }
    }

    /**
     * Walks the labels of a host name from {@code from} (letters, digits and inner hyphens, each followed by a dot)
     * and gives the end of the longest host name: where {@code last} lets the name end at a label after the first
     * ({@code last} gives that end, or -1). -1 when it ends nowhere.
     */
    private static int hostEnd(String s, int from, IntBinaryOperator last) {
        int end = -1;
        int label = from;
        while (true) {
            int k = label;
            while (k < s.length() && isHostChar(s.charAt(k))) {
                k++;
            }
            if (label > from) {
                end = Math.max(end, last.applyAsInt(label, k));
            }
            boolean wholeLabel = k > label && s.charAt(label) != '-' && s.charAt(k - 1) != '-';
            if (!wholeLabel || k >= s.length() || s.charAt(k) != '.') {
                return end;
            }
            label = k + 1;
        }
    }

    private static boolean isLocal(char ch) {
        return isAsciiLetter(ch) || ch >= '0' && ch <= '9' || ch == '.' || ch == '_' || ch == '%' || ch == '+' || ch == '-';
    }

    private static boolean isHostChar(char ch) {
        return isAsciiLetter(ch) || ch >= '0' && ch <= '9' || ch == '-';
    }

    private static boolean isAsciiLetter(char ch) {
        return ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z';
    }

    private static boolean isTokenChar(char ch) {
        return isHostChar(ch) || ch == '_';
    }

    /**
     * "eyJ" at the start of a word, then two more dot-separated parts of base64url (the signature may be empty). A
     * failed attempt moves past the part it read: a later "eyJ" inside it would read the same parts and fail too.
     */
    private static void jwts(Skeleton skeleton, List<Detection> found) {
        String s = skeleton.text();
        int i = s.indexOf("eyJ");
        while (i >= 0) {
            int next = i + 3;
            boolean wordStart = i == 0 || !(isHostChar(s.charAt(i - 1)) || s.charAt(i - 1) == '_')
                    || s.charAt(i - 1) == '-';
            if (wordStart) {
                int header = run(s, i + 3);
                next = header;
                if (header < s.length() && s.charAt(header) == '.') {
                    int payload = run(s, header + 1);
                    next = payload;
                    if (payload > header + 1 && payload < s.length() && s.charAt(payload) == '.') {
                        int signature = run(s, payload + 1);
                        add(found, skeleton, Kind.JWT, i, i, signature);
                        next = signature;
                    }
                }
            }
            i = s.indexOf("eyJ", Math.max(next, i + 1));
        }
    }

    /**
     * A host name ending in an internal name: at the start of a run of [A-Za-z0-9_.-], one or more labels (letters,
     * digits, inner hyphens) each followed by a dot, then the internal name, not followed by [A-Za-z0-9_-] nor by a dot
     * and a letter or digit (www.corp.example.com is public). Hand-written: as a regular expression the repeated label
     * group recurses once per label and overflows the stack on a long text. Each run is read once.
     */
    private static void internalHosts(Skeleton skeleton, List<Detection> found) {
        String s = skeleton.text();
        int i = 0;
        while (i < s.length()) {
            if (!isNameChar(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            int end = hostEnd(s, start, (label, labelEnd) -> {
                int name = internalNameLength(s, label);
                return name > 0 ? label + name : -1;
            });
            if (end > 0) {
                add(found, skeleton, Kind.INTERNAL_HOST, start, start, end);
            }
            while (i < s.length() && isNameChar(s.charAt(i))) {
                i++;
            }
        }
    }

    /** The length of the internal name at {@code at} that ends the host there, or 0. */
    private static int internalNameLength(String s, int at) {
        for (String name : INTERNAL_NAMES) {
            int after = at + name.length();
            if (at(s, at, name) && (after == s.length()
                    || !isTokenChar(s.charAt(after)) && !(s.charAt(after) == '.' && after + 1 < s.length()
                    && (isAsciiLetter(s.charAt(after + 1)) || Character.isDigit(s.charAt(after + 1)))))) {
                return name.length();
            }
        }
        return 0;
    }

    private static boolean isNameChar(char ch) {
        return isTokenChar(ch) || ch == '.';
    }

    /** The end of the run of base64url characters from {@code i}. */
    private static int run(String s, int i) {
        while (i < s.length() && isTokenChar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    /**
     * "-----BEGIN ... PRIVATE KEY-----", then the body (base64, line breaks, "Proc-Type:"-style headers) through the
     * "-----END ...-----" footer when one follows: without a footer the body is still the key. Each scan resumes where
     * the last block ended, so every character is read once.
     */
    private static void keyBlocks(Skeleton skeleton, List<Detection> found) {
        String s = skeleton.text();
        int i = s.indexOf(BEGIN);
        while (i >= 0) {
            int words = i + BEGIN.length();
            int k = words;
            while (k < s.length() && (s.charAt(k) >= 'A' && s.charAt(k) <= 'Z' || s.charAt(k) == ' ')) {
                k++;
            }
            String name = s.substring(words, k);
            if (!(name.equals("PRIVATE KEY") || name.endsWith(" PRIVATE KEY")) || !s.startsWith(DASHES, k)) {
                i = s.indexOf(BEGIN, i + 1);
                continue;
            }
            int end = k + DASHES.length();
            int body = end;
            while (body < s.length()) {
                if (s.startsWith(END, body)) {
                    int footer = body + END.length();
                    while (footer < s.length() && (s.charAt(footer) >= 'A' && s.charAt(footer) <= 'Z' || s.charAt(footer) == ' ')) {
                        footer++;
                    }
                    if (s.startsWith(DASHES, footer)) {
                        body = footer + DASHES.length();
                        end = body;
                    }
                    break;
                }
                char ch = s.charAt(body);
                if (!(isTokenChar(ch) || ch == '+' || ch == '/' || ch == '=' || ch == ':' || ch == ','
                        || Character.isWhitespace(ch))) {
                    break;
                }
                body++;
                if (!Character.isWhitespace(ch)) {
                    end = body;
                }
            }
            add(found, skeleton, Kind.PRIVATE_KEY, i, i, end);
            i = s.indexOf(BEGIN, Math.max(body, i + 1));
        }
    }

    /** What each ASCII char is to the gates: most letters are {@link #PLAIN}, and cost a look-up and a branch. */
    private static final byte PLAIN = 0;
    private static final byte DIGIT = 1;
    private static final byte GAP = 2;
    private static final byte CUE = 3;
    private static final byte[] GATE_CLASSES = new byte[128];

    static {
        for (char ch = '0'; ch <= '9'; ch++) {
            GATE_CLASSES[ch] = DIGIT;
        }
        for (char ch : " .-()+".toCharArray()) {
            GATE_CLASSES[ch] = GAP;
        }
        // A letter of each word or prefix the credential patterns look for, in both cases where they ignore case:
        // the rarest one, so that few chars of running text are cues ('c' of secret, 'k' of token, 'J' of eyJ).
        for (char ch : "@pPmMcCkKbBJA_x".toCharArray()) {
            GATE_CLASSES[ch] = CUE;
        }
    }

    /**
     * The gates {@code s} opens, in one pass: a run of {@value #DIGIT_RUN_MIN} digits or more, each at most
     * {@value #DIGIT_GAP_MAX} of " .-()+" from the next (every SIN, card and phone number; dates, times and short
     * numbers lack it); '@'; the words and prefixes the credential patterns cannot match without, in any case where
     * they ignore it (whole: "passport" opens nothing); a private network's first number and its dot (private IPs); a
     * dot before an internal name (internal hosts).
     */
    static int gates(String s) {
        int gates = 0;
        int run = 0;
        int gap = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            byte kind = ch < 128 ? GATE_CLASSES[ch] : PLAIN;
            if (kind == DIGIT) {
                run = gap <= DIGIT_GAP_MAX ? run + 1 : 1;
                gap = 0;
                if (run >= DIGIT_RUN_MIN) {
                    gates |= NUMBER;
                }
                if (i + 1 < n && s.charAt(i + 1) == '.'
                        && (s.startsWith("10", i - 1) || s.startsWith("172", i - 2) || s.startsWith("192", i - 2))) {
                    gates |= IP;
                }
                continue;
            }
            if (kind == GAP) {
                gap++;
                if (ch == '-' && s.startsWith(BEGIN, i)) {
                    gates |= KEY_BLOCK;
                } else if (ch == '.' && (at(s, i + 1, "internal") || at(s, i + 1, "local") || at(s, i + 1, "corp")
                        || at(s, i + 1, "lan"))) {
                    gates |= HOST;
                }
                continue;
            }
            run = 0;
            gap = 0;
            if (kind == CUE) {
                gates |= cue(s, i);
            }
        }
        return gates;
    }

    /** The gate the cue at {@code i} opens: what the credential patterns need around it, or 0. */
    private static int cue(String s, int i) {
        return switch (lowerAscii(s.charAt(i))) {
            case '@' -> AT_SIGN;
            case 'p' -> at(s, i, "password") || at(s, i, "passcode") || at(s, i, "passwd") || at(s, i, "pass phrase")
                    || at(s, i, "passphrase") || at(s, i, "pwd") ? SECRET_WORD : 0;
            case 'm' -> at(s, i, "mot de passe") ? SECRET_WORD : 0;
            case 'c' -> at(s, i - 2, "secret") ? SECRET_WORD : 0;
            case 'k' -> at(s, i, "key") || at(s, i - 2, "token") ? SECRET_WORD : 0;
            case 'b' -> at(s, i, "bearer") ? BEARER : 0;
            case 'j' -> s.startsWith("eyJ", i - 2) ? JWT_GATE : 0;
            case 'a' -> s.startsWith("AKIA", i) || s.startsWith("ASIA", i) ? AWS : 0;
            case '_' -> s.startsWith("gh", i - 3) && "pousr".indexOf(s.charAt(i - 1)) >= 0
                    || s.startsWith("github_pat_", i - 6) ? GITHUB : 0;
            case 'x' -> s.startsWith("xox", i) && i + 4 < s.length() && "abposr".indexOf(s.charAt(i + 3)) >= 0
                    && s.charAt(i + 4) == '-' ? SLACK : 0;
            default -> 0;
        };
    }

    /** Whether {@code word} (lower-case ASCII) is at {@code at} in {@code s}, in any ASCII case. */
    private static boolean at(String s, int at, String word) {
        if (at < 0 || at + word.length() > s.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (lowerAscii(s.charAt(at + k)) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static char lowerAscii(char ch) {
        return ch >= 'A' && ch <= 'Z' ? (char) (ch + ('a' - 'A')) : ch;
    }
}
