package dev.embedgate.provider.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.embedgate.provider.KnownModel;
import dev.embedgate.provider.ProviderRequest;
import dev.embedgate.provider.RemoteModelCatalog;
import dev.embedgate.space.InputType;
import dev.embedgate.space.ReferenceSpaces;
import dev.embedgate.space.Vectors;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The degraded fallback: deterministic, unit length, any dimensions, and a space of its own. */
class HashProviderTest {

    @Test
    void sameTextSameVectorAcrossInstancesAndCalls() {
        var first = HashProvider.degradedFallback(384);
        var second = HashProvider.degradedFallback(384);

        float[] a = first.embed(request("PostgreSQL is a database")).vectors().getFirst();
        float[] b = second.embed(request("other", "PostgreSQL is a database")).vectors().get(1);

        assertThat(a).containsExactly(b);
        assertThat(a).hasSize(384);
        assertThat(Vectors.norm(a)).isCloseTo(1.0, offset(1e-5));
    }

    @Test
    void differentTextsGetUnrelatedVectors() {
        var provider = HashProvider.degradedFallback(256);
        List<float[]> vectors = provider.embed(request("a database", "a database.", "images")).vectors();

        assertThat(Math.abs(Vectors.cosine(vectors.get(0), vectors.get(1)))).isLessThan(0.3);
        assertThat(Math.abs(Vectors.cosine(vectors.get(0), vectors.get(2)))).isLessThan(0.3);
    }

    @Test
    void itsNameAndSpaceSayWhatItIsAndNeverEqualARealSpace() {
        var provider = HashProvider.degradedFallback(384);

        assertThat(provider.name()).isEqualTo("hash/384");
        assertThat(provider.space().model()).isEqualTo("embedgate/hash");
        assertThat(provider.space()).isNotEqualTo(ReferenceSpaces.MINILM_SPACE).isNotEqualTo(ReferenceSpaces.BGE_SMALL_SPACE);
        for (KnownModel model : RemoteModelCatalog.builtIn().models()) {
            assertThat(provider.space().id()).isNotEqualTo(model.space().id());
        }
    }

    @Test
    void anyDimensions() {
        assertThat(HashProvider.degradedFallback(3).embed(request("x")).vectors().getFirst()).hasSize(3);
        assertThat(HashProvider.degradedFallback(3072).embed(request("x")).vectors().getFirst()).hasSize(3072);
    }

    @Test
    void vectorsAreStableAcrossReleases() {
        // Pinned, and matched by an independent Python implementation of the documented algorithm: stored hash
        // vectors must stay comparable to new ones. Change REVISION if this ever has to change.
        float[] vector = HashProvider.degradedFallback(4).embed(request("hello")).vectors().getFirst();

        assertThat(HashProvider.REVISION).isEqualTo("sha256-splitmix64-v1");
        assertThat(vector).containsExactly(PINNED_HELLO);
    }

    private static final float[] PINNED_HELLO = {-0.48494616f, -0.4946379f, 0.35789818f, 0.6261545f};

    private static ProviderRequest request(String... texts) {
        return new ProviderRequest(List.of(texts), InputType.DOCUMENT, true);
    }
}
