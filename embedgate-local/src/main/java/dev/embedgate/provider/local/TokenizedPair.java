package dev.embedgate.provider.local;

/**
 * A (query, document) pair as a cross-encoder reads it.
 *
 * @param ids     token ids in the tokenizer's pair template ({@code [CLS] query [SEP] document [SEP]} for BERT), cut to
 *                the model's limit
 * @param typeIds the segment of each token: 0 for the query's, 1 for the document's
 */
record TokenizedPair(long[] ids, long[] typeIds) {

    int length() {
        return ids.length;
    }
}
