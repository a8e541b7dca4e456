package dev.embedgate.bench.providers;

import java.util.List;

/**
 * Everything one run of the remote-provider benchmarks measured; a benchmark that did not run is null.
 *
 * @param jvmOptions of the gateway and simulator processes
 * @param texts      distinct short texts the requests cycle through
 */
public record ProviderResults(List<String> jvmOptions, int texts, OverheadResults overhead, FailoverResults failover,
                              RateLimitResults rateLimit) {

    public ProviderResults {
        jvmOptions = List.copyOf(jvmOptions);
    }
}
