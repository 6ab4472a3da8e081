package dev.crier.publish.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A platform that answers as told and remembers every request it got. */
final class CountingConnector implements PlatformConnector {

    private final String platform;
    private final Function<PublishRequest, PlatformResult> answer;
    final List<PublishRequest> requests = new ArrayList<>();

    CountingConnector(String platform, Function<PublishRequest, PlatformResult> answer) {
        this.platform = platform;
        this.answer = answer;
    }

    static CountingConnector publishing(String platform) {
        return new CountingConnector(platform, r -> PlatformResult.published(platform + "-" + r.postId(),
                "https://" + platform + ".example/" + r.postId()));
    }

    @Override
    public String platform() {
        return platform;
    }

    @Override
    public PlatformResult publish(PublishRequest request) {
        requests.add(request);
        return answer.apply(request);
    }

    int calls() {
        return requests.size();
    }
}
