package dev.crier.publish.domain.platforms;

import dev.crier.publish.domain.RateLimiter.Quota;

/**
 * The X API access an app has, and what it allows each user to post ({@code POST /2/tweets}). From X's rate-limit
 * tables (docs.x.com, "X API Rate Limits"; developer.x.com, "Rate limits", per plan): Free 17 requests per 24 hours
 * per user, Basic 100 per 24 hours per user, Pro 100 per 15 minutes per user; pay-per-use (the plan X sells since
 * 2026) 100 per 15 minutes per user. Whatever the tier, the answers' headers, the 24-hour ones too, correct the count.
 */
public enum XAccessTier {
    FREE("17/24h"),
    BASIC("100/24h"),
    PRO("100/15m"),
    PAY_PER_USE("100/15m");

    private final Quota posts;

    XAccessTier(String posts) {
        this.posts = Quota.parse(posts);
    }

    /** Posts each account may make, as the tier allows. */
    public Quota posts() {
        return posts;
    }
}
