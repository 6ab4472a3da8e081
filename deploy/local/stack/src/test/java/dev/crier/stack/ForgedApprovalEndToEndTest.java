package dev.crier.stack;

import dev.crier.events.Topics;
import dev.crier.infra.EventInjector;
import dev.crier.infra.KafkaAccess;
import dev.crier.infra.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static dev.crier.stack.EndToEndTest.FLOW;
import static dev.crier.stack.EndToEndTest.awaitStatus;
import static dev.crier.stack.EndToEndTest.draft;
import static dev.crier.stack.EndToEndTest.sandboxPostsOf;
import static dev.crier.stack.EndToEndTest.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Only policy-service may put a post on {@code posts.approved}: an approval written as any other principal (a
 * service that was broken into, the ops reader's credentials) is refused by the broker and nothing is published.
 */
class ForgedApprovalEndToEndTest {

    static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
        EndToEndTest.stack = stack;
    }

    @Test
    void anApprovalWrittenByAnyPrincipalButPolicyServiceIsRefusedAndNeverPublished() {
        String genuine = submit(draft("Passport offices extend their hours.", "Les bureaux des passeports prolongent leurs heures."));
        awaitStatus(genuine, "PUBLISHED");
        ConsumerRecord<String, String> approval = new TopicReader(stack.infra().kafka())
                .readPost(Topics.POSTS_APPROVED, genuine, 1, FLOW).get(0);

        // The genuine approval, word for word, for a post nobody submitted.
        String forged = UUID.randomUUID().toString();
        var headers = new RecordHeaders();
        approval.headers().forEach(h -> headers.add(h.key(),
                new String(h.value(), StandardCharsets.UTF_8).replace(genuine, forged).getBytes(StandardCharsets.UTF_8)));
        String value = approval.value().replace(genuine, forged);
        for (String principal : KafkaAccess.CLIENTS) {
            if (principal.equals(KafkaAccess.POLICY)) {
                continue;
            }
            try (var injector = new EventInjector(stack.infra().kafka(), principal)) {
                assertThatThrownBy(() -> injector.raw(Topics.POSTS_APPROVED, forged, value, headers)).as(principal)
                        .hasRootCauseInstanceOf(AuthorizationException.class);
            }
        }

        // A draft submitted after the attempts is published, so publish-service has read whatever came before it.
        String later = submit(draft("Tax clinics open in March.", "Les comptoirs d'impôts ouvrent en mars."));
        awaitStatus(later, "PUBLISHED");
        assertThat(sandboxPostsOf(forged)).isEmpty();
        assertThat(new TopicReader(stack.infra().kafka()).readPost(Topics.POSTS_APPROVED, forged, 1, java.time.Duration.ofSeconds(3)))
                .as("nothing of the forged post on posts.approved").isEmpty();
    }
}
