package dev.embedgate.server.cli;

import dev.embedgate.space.InputType;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code query} / {@code document} in any case. */
final class InputTypeConverter implements ITypeConverter<InputType> {

    @Override
    public InputType convert(String value) {
        try {
            return InputType.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not an input type; use query or document");
        }
    }
}
