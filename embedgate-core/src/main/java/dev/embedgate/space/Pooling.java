package dev.embedgate.space;

/** How a model's per-token hidden states become one vector. */
public enum Pooling {
    /** Average of the hidden states of the real (non-padding) tokens, as sentence-transformers' mean pooling. */
    MEAN,
    /** The hidden state of the first token ([CLS]). */
    CLS,
    /** Decided inside a remote provider and not disclosed; the model and revision identify it. */
    PROVIDER_DEFINED
}
