package dev.embedgate.chat;

/**
 * One attempt's way to the caller's listener: passes every part on and remembers what went through, so that the
 * pipeline knows whether a failure came before the first token (fail over) or after it (end the stream), and what
 * a broken stream produced (billed). Called on the thread that streams, one part at a time.
 */
final class ChatDelivery implements ChatStreamListener {

    private final ChatStreamListener listener;
    private final String model;
    private final String provider;
    private final Runnable firstToken;
    private final StringBuilder delivered = new StringBuilder();
    private volatile boolean started;

    /** @param firstToken told once, as the first part arrives (before it is passed on) */
    ChatDelivery(ChatStreamListener listener, String model, String provider, Runnable firstToken) {
        this.listener = listener;
        this.model = model;
        this.provider = provider;
        this.firstToken = firstToken;
    }

    @Override
    public void onDelta(String text) {
        if (!started) {
            firstToken.run();
            listener.starting(model, provider);
        }
        listener.onDelta(text);
        started = true;
        delivered.append(text);
    }

    @Override
    public boolean relayable() {
        return listener.relayable();
    }

    /** Whether a part reached the caller. */
    boolean started() {
        return started;
    }

    /** The text that reached the caller. */
    String text() {
        return delivered.toString();
    }
}
