package dev.embedgate.server.api;

import java.util.Locale;

/**
 * Whether a {@code Content-Type} declares a JSON body this server reads: {@code application/json} or a structured
 * {@code application/*+json} type, with a UTF-8 charset if it names one (JSON between systems is UTF-8, RFC 8259).
 * Anything else, and no type at all, is refused: the types a web page may send to any origin without a CORS
 * preflight (text/plain, forms) must never reach the provider budget.
 */
final class JsonMediaType {

    private JsonMediaType() {
    }

    static boolean accepts(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !isStructuredJson(type)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).strip().equalsIgnoreCase("charset")
                    && !isUtf8(unquoted(parameter.substring(equals + 1).strip()))) {
                return false;
            }
        }
        return true;
    }

    /** {@code application/<subtype>+json}, as RFC 6839 defines the suffix. */
    private static boolean isStructuredJson(String type) {
        return type.startsWith("application/") && type.endsWith("+json")
                && type.length() > "application/+json".length() && type.indexOf('/', "application/".length()) < 0;
    }

    private static boolean isUtf8(String charset) {
        return charset.equalsIgnoreCase("utf-8") || charset.equalsIgnoreCase("utf8");
    }

    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
