package dev.embedgate.provider.local;

/**
 * A text as the model sees it.
 *
 * @param ids       token ids, special tokens included, already cut to the space's limit
 * @param truncated whether the text was longer than the limit
 */
record TokenizedText(long[] ids, boolean truncated) {

    int length() {
        return ids.length;
    }
}
