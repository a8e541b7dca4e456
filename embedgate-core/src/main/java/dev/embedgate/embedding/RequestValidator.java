package dev.embedgate.embedding;

import dev.embedgate.error.InvalidRequestException;
import java.util.List;

/** Checks a request's inputs against the limits before anything is tokenized or sent. */
final class RequestValidator {

    private final EmbeddingLimits limits;

    RequestValidator(EmbeddingLimits limits) {
        this.limits = limits;
    }

    void validate(EmbeddingRequest request) {
        List<String> inputs = request.inputs();
        if (inputs.isEmpty()) {
            throw new InvalidRequestException("'input' is empty; send at least one text", "input", "empty_input");
        }
        if (inputs.size() > limits.maxInputs()) {
            throw new InvalidRequestException("'input' has " + inputs.size() + " items; at most " + limits.maxInputs()
                    + " are allowed per request, so split it", "input", "too_many_inputs");
        }
        for (int i = 0; i < inputs.size(); i++) {
            if (request.isTokenInput()) {
                validateTokenIds(request.tokenIds().get(i), i);
            }
            validateText(inputs.get(i), i);
        }
    }

    private void validateTokenIds(int[] ids, int index) {
        if (ids.length == 0) {
            throw InvalidRequestException.forInput(index, "is an empty array; every input must hold at least one "
                    + "token id", "empty_input");
        }
        if (ids.length > limits.maxTokenIdsPerInput()) {
            throw InvalidRequestException.forInput(index, "has " + ids.length + " token ids; at most "
                    + limits.maxTokenIdsPerInput() + " are accepted per input", "input_too_long");
        }
    }

    private void validateText(String text, int index) {
        String param = "input[" + index + "]";
        if (text == null) {
            throw new InvalidRequestException(param + " is null; every input must be a string", param, "invalid_type");
        }
        if (text.isEmpty()) {
            throw new InvalidRequestException(param + " is an empty string; every input must contain text", param,
                    "empty_input");
        }
        if (text.length() > limits.maxCharsPerInput()) {
            throw new InvalidRequestException(param + " has " + text.length() + " characters; at most "
                    + limits.maxCharsPerInput() + " are accepted per input", param, "input_too_long");
        }
        int unpaired = UnicodeText.unpairedSurrogateAt(text);
        if (unpaired >= 0) {
            throw new InvalidRequestException(param + " contains an unpaired UTF-16 surrogate at position " + unpaired
                    + "; send valid Unicode text", param, "invalid_unicode");
        }
    }
}
