package dev.embedgate.provider;

import dev.embedgate.provider.http.RemoteEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How the conventional environment variables reach one provider kind. */
public interface EnvironmentAccess {

    /** Where {@code EMBEDDING_PROVIDER=auto} tries this kind: lower first. */
    int autoOrder();

    /**
     * The variable holding this kind's credentials, when it is set: it makes {@code auto} consider this kind, and
     * every model of this kind servable by name.
     */
    Optional<String> credentialVariable(ProviderEnvironment environment);

    /** What is missing for an explicit choice of this kind ("OPENAI_API_KEY"), or empty when it can be used. */
    Optional<String> missing(ProviderEnvironment environment);

    /** The endpoint the variables name, with its key. */
    RemoteEndpoint endpoint(ProviderEnvironment environment, Duration timeout);

    /**
     * A model the variables themselves name (a URL that names one), which then is this kind's default model.
     *
     * @throws IllegalArgumentException when they name a model this kind has no defaults for
     */
    default Optional<String> namedModel(ProviderEnvironment environment) {
        return Optional.empty();
    }

    /** The settings this kind reads under several names, so that start-up can say which of them it ignored. */
    default List<SynonymousVariables> synonyms() {
        return List.of();
    }
}
