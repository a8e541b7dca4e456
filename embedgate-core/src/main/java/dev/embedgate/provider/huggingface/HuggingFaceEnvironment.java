package dev.embedgate.provider.huggingface;

import dev.embedgate.provider.EnvironmentAccess;
import dev.embedgate.provider.KeyedEnvironment;
import dev.embedgate.provider.KnownModel;
import dev.embedgate.provider.ProviderEnvironment;
import dev.embedgate.provider.SynonymousVariables;
import dev.embedgate.provider.http.RemoteEndpoint;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How the environment reaches Hugging Face: a token under any of the names its users set, and a URL in the router's
 * or the legacy Inference API's form ({@link HuggingFaceUrls}); a URL that names a model makes it the default.
 */
final class HuggingFaceEnvironment implements EnvironmentAccess {

    private final KeyedEnvironment keyed;
    private final List<KnownModel> models;

    HuggingFaceEnvironment(KeyedEnvironment keyed, List<KnownModel> models) {
        this.keyed = keyed;
        this.models = List.copyOf(models);
    }

    @Override
    public int autoOrder() {
        return keyed.autoOrder();
    }

    @Override
    public Optional<String> credentialVariable(ProviderEnvironment environment) {
        return keyed.credentialVariable(environment);
    }

    @Override
    public Optional<String> missing(ProviderEnvironment environment) {
        return keyed.missing(environment);
    }

    /** The URL as set: the provider posts under its API shape, whatever model it names. */
    @Override
    public RemoteEndpoint endpoint(ProviderEnvironment environment, Duration timeout) {
        return keyed.endpoint(environment, timeout);
    }

    @Override
    public Optional<String> namedModel(ProviderEnvironment environment) {
        URI url = keyed.baseUrl(environment);
        return HuggingFaceUrls.named(url).model().map(named -> models.stream().filter(model -> model.isNamed(named))
                .findFirst().map(KnownModel::name).orElseThrow(() -> new IllegalArgumentException(
                        keyed.baseUrlVariables().setName(environment).orElseThrow() + " names the model '" + named
                                + "', which EmbedGate knows no defaults for (known: " + models.stream()
                                        .map(KnownModel::name).collect(Collectors.joining(", "))
                                + "); name one of those, or declare the model under providers with its dimensions")));
    }

    @Override
    public List<SynonymousVariables> synonyms() {
        return keyed.synonyms();
    }
}
