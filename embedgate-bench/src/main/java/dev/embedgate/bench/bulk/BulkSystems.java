package dev.embedgate.bench.bulk;

import dev.embedgate.provider.local.BuiltInModels;
import dev.embedgate.provider.local.InferenceSettings;
import dev.embedgate.provider.local.LocalModelSpec;
import dev.embedgate.provider.local.LocalModels;
import dev.embedgate.provider.local.LocalOnnxProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * The cases the bulk benchmark compares, per variant: LangChain4j at its 128 tokens, EmbedGate at 128 (the fair
 * comparison) and EmbedGate at 256 (the model's real limit, which LangChain4j cannot use).
 */
public final class BulkSystems {

    public static final int EMBEDGATE_MAX_TOKENS = 256;

    private BulkSystems() {
    }

    /** EmbedGate's built-in model for the variant, at its own token limit. */
    public static LocalModelSpec spec(MiniLmVariant variant) {
        return BuiltInModels.all(LocalModels.defaultCacheDir()).stream()
                .filter(s -> s.name().equals(variant.embedGateModel())).findFirst()
                .orElseThrow(() -> new IllegalStateException("EmbedGate has no built-in model " + variant.embedGateModel()));
    }

    /** The settings EmbedGate picks for the variant on this machine. */
    public static InferenceSettings defaultSettings(MiniLmVariant variant) {
        return InferenceSettings.defaults(spec(variant).batchable(), Runtime.getRuntime().availableProcessors());
    }

    public static List<BulkCase> create(BulkPlan plan) {
        var cases = new ArrayList<BulkCase>();
        for (MiniLmVariant variant : plan.variants()) {
            LocalModelSpec spec = spec(variant);
            cases.add(new BulkCase(BulkCase.LANGCHAIN4J, variant, MiniLmVariant.LANGCHAIN4J_MAX_TOKENS,
                    new LangChain4jBulkEmbedder(variant.newLangChain4jModel())));
            for (int maxTokens : new int[] {MiniLmVariant.LANGCHAIN4J_MAX_TOKENS, EMBEDGATE_MAX_TOKENS}) {
                var provider = new LocalOnnxProvider(spec.withMaxTokens(maxTokens), plan.settings().get(variant));
                cases.add(new BulkCase(BulkCase.EMBEDGATE, variant, maxTokens,
                        new EmbedGateBulkEmbedder(provider, plan.requestSize(), plan.inFlight())));
            }
        }
        return cases;
    }
}
