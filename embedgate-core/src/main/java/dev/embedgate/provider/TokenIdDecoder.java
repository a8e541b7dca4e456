package dev.embedgate.provider;

import com.knuddels.jtokkit.api.IntArrayList;
import dev.embedgate.error.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Inputs sent as token ids of cl100k_base, OpenAI's tokenizer (the form LangChain's {@code OpenAIEmbeddings} sends by
 * default): which ids are tokens, the text some ids stand for, and whether they are that text's own encoding.
 * Thread-safe.
 */
public final class TokenIdDecoder {

    /** tiktoken's {@code n_vocab} for cl100k_base: every id is below it, but not every id below it is a token. */
    private static final int VOCABULARY_SIZE = 100_277;

    /** The ids the encoding knows, found once by asking it (its ordinary tokens and its special ones, with gaps). */
    private static final class Vocabulary {

        static final BitSet TOKENS = probe();

        private static BitSet probe() {
            var tokens = new BitSet(VOCABULARY_SIZE);
            var one = new IntArrayList(1);
            one.add(0);
            for (int id = 0; id < VOCABULARY_SIZE; id++) {
                one.set(0, id);
                try {
                    Cl100k.ENCODING.decodeBytes(one);
                    tokens.set(id);
                } catch (RuntimeException unknown) {
                    // JTokkit's only way of saying that an id is no token: the gaps before the special tokens
                }
            }
            return tokens;
        }
    }

    private TokenIdDecoder() {
    }

    /** Whether {@code id} is a token of cl100k_base (an ordinary one, or a special one such as end-of-text). */
    public static boolean isToken(long id) {
        return id >= 0 && id < VOCABULARY_SIZE && Vocabulary.TOKENS.get((int) id);
    }

    /**
     * The texts the inputs stand for, in order, as tiktoken decodes them: their bytes read as UTF-8, where a character
     * whose bytes an input does not hold whole (a long text cut into chunks of ids, as LangChain cuts it) becomes
     * U+FFFD.
     *
     * @throws InvalidRequestException naming the input that is null or holds an id that is no token
     */
    public static List<String> decodeAll(List<int[]> inputs) {
        var texts = new ArrayList<String>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            int[] ids = inputs.get(i);
            if (ids == null) {
                throw InvalidRequestException.forInput(i, "is null; every input must be an array of token ids",
                        "invalid_type");
            }
            for (int position = 0; position < ids.length; position++) {
                if (!isToken(ids[position])) {
                    throw notAToken(i, position, Integer.toString(ids[position]));
                }
            }
            texts.add(decode(ids));
        }
        return texts;
    }

    /**
     * The refusal of an input that holds something other than a cl100k_base token id.
     *
     * @param value the offending value as the caller wrote it
     */
    public static InvalidRequestException notAToken(int input, int position, String value) {
        return InvalidRequestException.forInput(input, "holds " + value + " at position " + position + ", which is "
                + "not a token id of cl100k_base (OpenAI's tokenizer); send the ids tiktoken's cl100k_base encoding "
                + "gives, or the text itself", "invalid_token_id");
    }

    /** The text the ids (all tokens) stand for. */
    private static String decode(int[] ids) {
        var list = new IntArrayList(ids.length);
        for (int id : ids) {
            list.add(id);
        }
        // new String replaces malformed UTF-8 with U+FFFD, as tiktoken's decode(errors="replace") does
        return new String(Cl100k.ENCODING.decodeBytes(list), StandardCharsets.UTF_8);
    }

    /**
     * Whether the ids are exactly what cl100k_base makes of the text (special-token text counting as ordinary text,
     * as OpenAI reads a text input). Only then are the ids and the text the same input to an OpenAI model: other
     * ids that decode to the same text (split differently, a special token, a cut character) may embed otherwise.
     */
    public static boolean isCanonical(int[] ids, String text) {
        IntArrayList encoded = Cl100k.ENCODING.encodeOrdinary(text);
        if (encoded.size() != ids.length) {
            return false;
        }
        for (int i = 0; i < ids.length; i++) {
            if (encoded.get(i) != ids[i]) {
                return false;
            }
        }
        return true;
    }
}
