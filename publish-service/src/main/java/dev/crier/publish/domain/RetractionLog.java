package dev.crier.publish.domain;

import dev.crier.events.PostRetracted;

import java.util.Set;

/** Where retractions are recorded: who asked, why, and each platform's answer to the delete. */
public interface RetractionLog {

    /** The platforms on which the post has been deleted. */
    Set<String> retractedPlatforms(String postId);

    /** Records the retraction together with its event (dev.crier.post.retracted): both are kept, or neither. */
    void record(PostRetracted retraction);
}
