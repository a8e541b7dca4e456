package dev.embedgate.provider;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * OpenAI's cl100k_base byte-pair encoding (JTokkit, identical to tiktoken's), shared by token counting and token-id
 * decoding. Its tables take a moment and a few MB to load, so they load once, on first use.
 */
final class Cl100k {

    static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    private Cl100k() {
    }
}
