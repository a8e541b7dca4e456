package dev.embedgate.provider;

import dev.embedgate.provider.http.RemoteEndpoint;
import java.time.Duration;
import java.util.Optional;

/** How the conventional environment variables reach one provider kind. */
public interface EnvironmentAccess {

    /** Where {@code EMBEDDING_PROVIDER=auto} tries this kind: lower first. */
    int autoOrder();

    /** The variable that makes {@code auto} choose this kind, when it is set. */
    Optional<String> credentialVariable(ProviderEnvironment environment);

    /** What is missing for an explicit choice of this kind ("OPENAI_API_KEY"), or empty when it can be used. */
    Optional<String> missing(ProviderEnvironment environment);

    /** The endpoint the variables name, with its key. */
    RemoteEndpoint endpoint(ProviderEnvironment environment, Duration timeout);
}
