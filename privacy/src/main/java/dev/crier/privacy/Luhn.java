package dev.crier.privacy;

/** The Luhn (mod 10) checksum that Social Insurance Numbers and payment cards carry. */
public final class Luhn {
    private Luhn() {
    }

    /** Whether the ASCII digits in {@code number} pass the check; other characters (separators) are skipped. */
    public static boolean isValid(CharSequence number) {
        int sum = 0;
        int digits = 0;
        boolean twice = false;
        for (int i = number.length() - 1; i >= 0; i--) {
            char ch = number.charAt(i);
            if (ch < '0' || ch > '9') {
                continue;
            }
            int d = ch - '0';
            if (twice) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            digits++;
            twice = !twice;
        }
        return digits > 0 && sum % 10 == 0;
    }
}
