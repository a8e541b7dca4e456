package dev.embedgate.provider.http;

import java.util.List;

/**
 * The request body TEI's {@code /embed} and the Hugging Face feature-extraction pipeline share:
 * {@code {"inputs": […], "normalize": …, "truncate": …}}, answered as {@link VectorListAnswer} reads.
 */
public final class InputsRequest {

    private InputsRequest() {
    }

    /**
     * The body asking for one vector per text.
     *
     * @param normalize whether the server is to return unit-length vectors
     * @param truncate  whether the server may cut texts longer than the model reads
     */
    public static byte[] body(List<String> texts, boolean normalize, boolean truncate) {
        return ProviderJson.object(json -> {
            ProviderJson.stringArray(json, "inputs", texts);
            json.writeBooleanField("normalize", normalize);
            json.writeBooleanField("truncate", truncate);
        });
    }
}
