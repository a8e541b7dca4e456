package dev.embedgate.server.routes;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.embedgate.provider.DimensionOptions;
import java.util.List;

/**
 * The vector lengths a model answers with, as {@code /v1/models} lists them: a range ({@code min} to {@code max})
 * when any length in it may be asked for, else the {@code sizes} that may (its own only, for a model that cannot be
 * shortened). Each length is a space of its own.
 *
 * @param min   the shortest length of the range, or null without one
 * @param max   the longest length of the range (the model's own), or null without one
 * @param sizes the lengths that may be asked for, ascending, or null with a range
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SupportedDimensions(Integer min, Integer max, List<Integer> sizes) {

    public static SupportedDimensions of(DimensionOptions options) {
        return options.minDimensions() > 0
                ? new SupportedDimensions(options.minDimensions(), options.nativeDimensions(), null)
                : new SupportedDimensions(null, null, options.sizes());
    }

    /** As a table shows it: {@code 1-1536}, {@code 256/512/1024/1536}, {@code 384}. */
    public String describe() {
        return sizes == null ? min + "-" + max
                : String.join("/", sizes.stream().map(String::valueOf).toList());
    }
}
