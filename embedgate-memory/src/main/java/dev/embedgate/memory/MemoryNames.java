package dev.embedgate.memory;

import dev.embedgate.embedding.UnicodeText;
import dev.embedgate.error.InvalidRequestException;

/** What namespaces, ids and texts may hold, checked where callers' values come in. */
public final class MemoryNames {

    private MemoryNames() {
    }

    /** The namespace, or {@value MemoryService#DEFAULT_NAMESPACE} for null. */
    public static String namespace(String namespace, String param) {
        if (namespace == null) {
            return MemoryService.DEFAULT_NAMESPACE;
        }
        return name(namespace, param, Memory.MAX_NAMESPACE_LENGTH, "invalid_namespace");
    }

    /** An id; {@code .} and {@code ..} are refused, since no URL path can carry them to the memory's routes. */
    public static String id(String id, String param) {
        if (id.equals(".") || id.equals("..")) {
            throw new InvalidRequestException(param + " must not be '" + id + "': URLs cannot name it", param,
                    "invalid_id");
        }
        return name(id, param, Memory.MAX_ID_LENGTH, "invalid_id");
    }

    /** Refuses U+0000 (which PostgreSQL cannot store) and unpaired surrogates (which are not text). */
    static void requireText(String text, String param) {
        if (text.indexOf('\u0000') >= 0) {
            throw new InvalidRequestException(param + " contains the character U+0000", param, "invalid_text");
        }
        int unpaired = UnicodeText.unpairedSurrogateAt(text);
        if (unpaired >= 0) {
            throw new InvalidRequestException(param + " contains an unpaired UTF-16 surrogate at position " + unpaired,
                    param, "invalid_text");
        }
    }

    private static String name(String value, String param, int maxLength, String code) {
        if (value.isEmpty() || value.length() > maxLength) {
            throw new InvalidRequestException(param + " must be 1.." + maxLength + " characters", param, code);
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidRequestException(param + " must not contain control characters", param, code);
            }
        }
        requireText(value, param);
        return value;
    }
}
