package dev.embedgate.testkit.chat;

import dev.embedgate.chat.ChatCompletion;
import dev.embedgate.chat.ChatDeadlines;
import dev.embedgate.chat.ChatModel;
import dev.embedgate.chat.ChatProvider;
import dev.embedgate.chat.ChatProviderContract;
import dev.embedgate.chat.ChatRequest;
import dev.embedgate.provider.http.RemoteEndpoint;
import dev.embedgate.testkit.Faults;
import dev.embedgate.testkit.ProviderSimulator;
import dev.embedgate.testkit.Route;
import dev.embedgate.testkit.SimulatorConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link ChatProviderContract} against a {@link ProviderSimulator} on loopback, one per test class. */
abstract class SimulatorChatContract extends ChatProviderContract {

    /** Long enough to outlast any stall deadline, short enough not to keep the simulator's threads for a minute. */
    private static final long STALL_MILLIS = 10_000;

    static ProviderSimulator simulator;

    private final Route route;
    private final ChatServer server = new SimulatorServer();
    private Faults.Builder faults = Faults.builder().hangMillis(STALL_MILLIS);

    SimulatorChatContract(Route route) {
        this.route = route;
    }

    @BeforeAll
    static void startSimulator() {
        simulator = ProviderSimulator.start(SimulatorConfig.defaults());
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    /** The provider of this kind, named and modelled, reaching the endpoint. */
    abstract ChatProvider provider(ChatModel model, RemoteEndpoint endpoint);

    /** The simulator's base URL for this kind. */
    abstract String baseUrl();

    /** The model name sent. */
    String modelName() {
        return "sim-chat-model";
    }

    @Override
    protected ChatServer server() {
        return server;
    }

    @Override
    protected ChatProvider provider(ChatDeadlines deadlines) {
        return provider(new ChatModel(modelName(), deadlines), new RemoteEndpoint(URI.create(baseUrl()), KEY, null));
    }

    private final class SimulatorServer implements ChatServer {

        @Override
        public void failNextCall(int status, int retryAfterSeconds) {
            apply(faults.script(status == 429 ? "status:429:" + retryAfterSeconds : "status:" + status));
        }

        @Override
        public void breakNextStream(StreamBreak kind, int afterChunks) {
            String step = switch (kind) {
                case DROP -> "drop";
                case STALL -> "stall";
                case ERROR_EVENT -> "stream_error";
            };
            apply(faults.script(step.toLowerCase(Locale.ROOT) + ":" + afterChunks));
        }

        @Override
        public void pace(Duration interval) {
            apply(faults.tokenIntervalMillis(interval.toMillis()));
        }

        @Override
        public boolean awaitCancelledStreams(int count, Duration timeout) throws InterruptedException {
            return simulator.log().awaitCancelledStreams(route, count, timeout);
        }

        @Override
        public ChatCompletion expected(ChatRequest request) {
            SimulatedChat.Answer answer = SimulatedChat.answer(request.messages(), request.maxTokens(), request.stop());
            return new ChatCompletion(answer.content(), answer.finishReason(), answer.promptTokens(),
                    answer.completionTokens());
        }

        @Override
        public List<String> expectedChunks(ChatRequest request) {
            return SimulatedChat.answer(request.messages(), request.maxTokens(), request.stop()).chunks();
        }

        @Override
        public void reset() {
            faults = Faults.builder().hangMillis(STALL_MILLIS);
            simulator.reset();
        }

        private void apply(Faults.Builder changed) {
            faults = changed;
            simulator.faults(route, changed.build());
        }
    }
}
