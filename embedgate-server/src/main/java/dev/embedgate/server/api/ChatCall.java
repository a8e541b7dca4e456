package dev.embedgate.server.api;

import dev.embedgate.chat.ChatRequest;

/**
 * A parsed {@code POST /v1/chat/completions}.
 *
 * @param model        the chat model asked for
 * @param request      what the model is asked
 * @param stream       whether the answer is streamed as server-sent events
 * @param includeUsage whether a streamed answer ends with a chunk carrying usage ({@code stream_options})
 */
record ChatCall(String model, ChatRequest request, boolean stream, boolean includeUsage) {
}
