package dev.embedgate.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The lengths a model answers with: a range (OpenAI), listed sizes (Cohere), or its own only. */
class DimensionOptionsTest {

    @Test
    void aRangeAllowsEveryLengthUpToTheFullOne() {
        var options = DimensionOptions.truncatedUpTo(1536);

        assertThat(options.allows(1)).isTrue();
        assertThat(options.allows(777)).isTrue();
        assertThat(options.allows(1536)).isTrue();
        assertThat(options.allows(0)).isFalse();
        assertThat(options.allows(1537)).isFalse();
        assertThat(options.shortens()).isTrue();
        assertThat(options.truncation()).isTrue();
        assertThat(options.describe()).isEqualTo("1-1536");
    }

    @Test
    void listedSizesAllowThoseOnly() {
        var options = DimensionOptions.sizes(List.of(1024, 256, 1536, 512));

        assertThat(options.nativeDimensions()).isEqualTo(1536);
        assertThat(options.allows(512)).isTrue();
        assertThat(options.allows(768)).isFalse();
        assertThat(options.truncation()).isFalse();
        assertThat(options.describe()).isEqualTo("256, 512, 1024 or 1536");
    }

    @Test
    void aFixedModelAllowsItsOwnLengthOnly() {
        var options = DimensionOptions.fixed(384);

        assertThat(options.allows(384)).isTrue();
        assertThat(options.allows(128)).isFalse();
        assertThat(options.shortens()).isFalse();
        assertThat(options.describe()).isEqualTo("384");
    }

    @Test
    void inconsistentOptionsAreRefused() {
        assertThatThrownBy(() -> new DimensionOptions(1536, 1, List.of(256), false)).hasMessageContaining("not both");
        assertThatThrownBy(() -> new DimensionOptions(1536, 0, List.of(256, 512), false))
                .hasMessageContaining("include 1536");
        assertThatThrownBy(() -> new DimensionOptions(1536, 2000, List.of(), true)).hasMessageContaining("1-1536");
    }
}
