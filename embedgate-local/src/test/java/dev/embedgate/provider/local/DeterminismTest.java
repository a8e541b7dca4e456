package dev.embedgate.provider.local;

import static dev.embedgate.provider.local.BuiltInModels.BGE_SMALL;
import static dev.embedgate.provider.local.BuiltInModels.BGE_SMALL_INT8;
import static dev.embedgate.provider.local.BuiltInModels.MINILM;
import static dev.embedgate.provider.local.BuiltInModels.MINILM_INT8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.space.InputType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A text's vector does not depend on what it is batched with: alone, inside one multi-text request, or packed by
 * the scheduler with other callers' texts. fp32 graphs may differ by float rounding (padding changes the kernels'
 * shapes); int8 graphs run one text per call, so their vectors are bit-for-bit the same.
 */
class DeterminismTest {

    private static final float FP32_TOLERANCE = 1e-6f;
    private static final int CALLERS = 16;
    private static final int ROUNDS_PER_CALLER = 2;

    private static final Map<String, LocalOnnxProvider> PROVIDERS = new HashMap<>();
    private static final Map<String, List<float[]>> ALONE = new HashMap<>();
    private static List<String> probes;
    private static List<String> companions;

    @BeforeAll
    static void embedEachProbeAlone() {
        // Probes span short to over-the-MiniLM-limit lengths; companions are shorter and longer than each of them.
        probes = new ArrayList<>();
        probes.addAll(TestModels.corpusTexts(5, 20, 1));
        probes.addAll(TestModels.corpusTexts(40, 80, 1));
        probes.addAll(TestModels.corpusTexts(100, 140, 1));
        probes.addAll(TestModels.corpusTexts(180, 250, 1));
        probes.addAll(TestModels.corpusTexts(270, 330, 1));
        companions = new ArrayList<>();
        companions.addAll(TestModels.corpusTexts(3, 30, 8));
        companions.addAll(TestModels.corpusTexts(31, 120, 8));
        companions.addAll(TestModels.corpusTexts(121, 300, 8));
        companions.removeAll(probes);

        int cores = Runtime.getRuntime().availableProcessors();
        for (String model : List.of(MINILM, MINILM_INT8, BGE_SMALL, BGE_SMALL_INT8)) {
            LocalModelSpec spec = TestModels.spec(model);
            var provider = new LocalOnnxProvider(spec, InferenceSettings.defaults(spec.batchable(), cores));
            PROVIDERS.put(model, provider);
            ALONE.put(model, probes.stream().map(probe -> embed(provider, List.of(probe)).getFirst()).toList());
        }
    }

    @AfterAll
    static void closeProviders() {
        PROVIDERS.values().forEach(LocalOnnxProvider::close);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {MINILM, MINILM_INT8, BGE_SMALL, BGE_SMALL_INT8})
    void sameTextGetsSameVectorWhateverItIsBatchedWithInOneRequest(String model) {
        var random = new Random(42);
        for (int arrangement = 0; arrangement < 3; arrangement++) {
            List<String> texts = new ArrayList<>(companions);
            Collections.shuffle(texts, random);
            texts = new ArrayList<>(texts.subList(0, 4 + arrangement * 8));
            for (String probe : probes) {
                texts.add(random.nextInt(texts.size() + 1), probe);
            }

            List<float[]> vectors = embed(PROVIDERS.get(model), texts);

            for (int p = 0; p < probes.size(); p++) {
                float[] batched = vectors.get(texts.indexOf(probes.get(p)));
                assertSameVector(model, batched, ALONE.get(model).get(p),
                        "probe " + p + " among " + texts.size() + " texts (arrangement " + arrangement + ")");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {MINILM, MINILM_INT8, BGE_SMALL, BGE_SMALL_INT8})
    void sameTextGetsSameVectorWhenConcurrentCallersAreBatchedTogether(String model) throws Exception {
        LocalOnnxProvider provider = PROVIDERS.get(model);
        var start = new CountDownLatch(1);
        var calls = new ArrayList<Future<List<float[]>>>();
        var probeOfCall = new ArrayList<Integer>();
        var positionOfProbe = new ArrayList<Integer>();
        try (var callers = Executors.newFixedThreadPool(CALLERS)) {
            for (int caller = 0; caller < CALLERS; caller++) {
                for (int round = 0; round < ROUNDS_PER_CALLER; round++) {
                    int call = caller * ROUNDS_PER_CALLER + round;
                    int probe = call % probes.size();
                    // Alone, after one companion, or before two: the request's own texts vary as well as the others'.
                    List<String> texts = switch (call % 3) {
                        case 0 -> List.of(probes.get(probe));
                        case 1 -> List.of(companion(call), probes.get(probe));
                        default -> List.of(probes.get(probe), companion(call), companion(call + 7));
                    };
                    probeOfCall.add(probe);
                    positionOfProbe.add(texts.indexOf(probes.get(probe)));
                    calls.add(callers.submit(() -> {
                        start.await();
                        return embed(provider, texts);
                    }));
                }
            }
            start.countDown();

            for (int call = 0; call < calls.size(); call++) {
                float[] vector = calls.get(call).get().get(positionOfProbe.get(call));
                int probe = probeOfCall.get(call);
                assertSameVector(model, vector, ALONE.get(model).get(probe), "probe " + probe + " in call " + call);
            }
        }
    }

    private static String companion(int index) {
        return companions.get(index % companions.size());
    }

    private static List<float[]> embed(LocalOnnxProvider provider, List<String> texts) {
        return provider.embed(new ProviderRequest(texts, InputType.DOCUMENT, true)).vectors();
    }

    private static void assertSameVector(String model, float[] actual, float[] alone, String what) {
        if (model.endsWith("-int8")) {
            // isEqualTo on float[] is Arrays.equals: bit for bit.
            assertThat(actual).as("%s: %s vs alone, bit for bit", model, what).isEqualTo(alone);
        } else {
            assertThat(actual).as("%s: %s vs alone", model, what).containsExactly(alone, within(FP32_TOLERANCE));
        }
    }
}
