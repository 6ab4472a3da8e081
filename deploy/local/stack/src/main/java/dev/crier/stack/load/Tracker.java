package dev.crier.stack.load;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the benchmark has seen of each post, from whichever side saw it first: the 202 (the submitter), the topics
 * (posts.decided, posts.published) and the audit. Events may arrive before the 202 that names their post; only
 * posts the benchmark submitted count.
 */
final class Tracker {

    /** The audit records one approved, published draft must have, each exactly once. */
    static final List<String> AUDITED_TYPES = List.of("dev.crier.draft.submitted", "dev.crier.post.decided",
            "dev.crier.post.approved", "dev.crier.post.published");

    /** One post; times are epoch milliseconds, 0 until seen. */
    static final class Post {
        final String id;
        long submittedAt;
        long acceptedAt;
        long decidedAt;
        String decision;
        final java.util.Set<String> decidedEvents = new java.util.HashSet<>();
        long publishedAt;
        final java.util.Set<String> publishedEvents = new java.util.HashSet<>();
        /** Records on posts.published, counting a record sent again with the same event id (which changes nothing). */
        int publishedRecords;
        long auditedAt;
        final Map<String, Integer> audited = new HashMap<>();

        Post(String id) {
            this.id = id;
        }

        /** What was seen of it, for a failed check: its id, its decision and how often each stage was seen. */
        synchronized String seen() {
            return id + " (decision " + decision + ", " + decidedEvents.size() + " decision event(s), "
                    + publishedEvents.size() + " publication event(s), audited " + audited + ")";
        }

        synchronized boolean submitted() {
            return acceptedAt > 0;
        }

        synchronized boolean decided() {
            return decidedAt > 0;
        }

        synchronized boolean published() {
            return publishedAt > 0;
        }

        /** Every expected audit record is there (once or more: {@link #auditedOnce} says whether exactly once). */
        synchronized boolean audited() {
            return audited.keySet().containsAll(AUDITED_TYPES);
        }

        /** One decision, APPROVED (a decision sent again under its own event id is the same decision). */
        synchronized boolean approvedOnce() {
            return decidedEvents.size() == 1 && "APPROVED".equals(decision);
        }

        /** One publication event: two different posts.published events for one post would be two publications. */
        synchronized boolean publishedOnce() {
            return publishedEvents.size() == 1;
        }

        synchronized boolean auditedOnce() {
            return audited.size() == AUDITED_TYPES.size() && audited.values().stream().allMatch(n -> n == 1);
        }
    }

    private final Map<String, Post> posts = new ConcurrentHashMap<>();

    private Post post(String id) {
        return posts.computeIfAbsent(id, Post::new);
    }

    void accepted(String id, long submittedAt, long acceptedAt) {
        Post p = post(id);
        synchronized (p) {
            p.submittedAt = submittedAt;
            p.acceptedAt = acceptedAt;
        }
    }

    void decided(String id, String eventId, String decision, long at) {
        Post p = post(id);
        synchronized (p) {
            if (p.decidedAt == 0) {
                p.decidedAt = at;
                p.decision = decision;
            }
            p.decidedEvents.add(eventId);
        }
    }

    void published(String id, String eventId, long at) {
        Post p = post(id);
        synchronized (p) {
            if (p.publishedAt == 0) {
                p.publishedAt = at;
            }
            p.publishedEvents.add(eventId);
            p.publishedRecords++;
        }
    }

    void audited(String id, String type, long receivedAt) {
        Post p = post(id);
        synchronized (p) {
            p.audited.merge(type, 1, Integer::sum);
            p.auditedAt = Math.max(p.auditedAt, receivedAt);
        }
    }

    /** The posts this run submitted and had accepted. */
    List<Post> accepted() {
        return posts.values().stream().filter(Post::submitted).toList();
    }

    List<String> acceptedIds() {
        return posts.entrySet().stream().filter(e -> e.getValue().submitted()).map(Map.Entry::getKey).toList();
    }

    Post get(String id) {
        return posts.get(id);
    }

    static long count(Collection<Post> posts, java.util.function.Predicate<Post> which) {
        return posts.stream().filter(which).count();
    }
}
