package dev.crier.events;

/** A payload about one post: its postId must be the record's key and CloudEvents subject. */
public interface PostEvent {
    String postId();
}
