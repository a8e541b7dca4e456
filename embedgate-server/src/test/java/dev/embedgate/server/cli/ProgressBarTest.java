package dev.embedgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The import's progress bar: what it says, how often it draws, in place on a terminal and as lines elsewhere. */
class ProgressBarTest {

    private final StringWriter err = new StringWriter();
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void itShowsDoneOfTotalPercentRateAndTimeLeft() {
        var bar = bar(false, 1000, 0);

        advance(10_000);
        bar.update(250);

        assertThat(bar.render(nanos.get())).isEqualTo(
                "data.jsonl [========>                     ] 250/1000 lines  25% 25.0 lines/s ETA 0:30");
    }

    @Test
    void aResumedJobCountsItsRateFromWhereItResumed() {
        var bar = bar(false, 1000, 600);

        advance(2_000);
        bar.update(800);

        assertThat(bar.render(nanos.get())).endsWith("800/1000 lines  80% 100.0 lines/s ETA 0:02");
        assertThat(err.toString()).startsWith("data.jsonl [==================>           ] 600/1000 lines  60% "
                + "0.0 lines/s ETA --:--\n");
    }

    @Test
    void elsewhereThanOnATerminalItPrintsALineAtMostEveryFiveSecondsAndOneAtTheEnd() {
        var bar = bar(false, 100, 0);
        for (int done = 1; done <= 100; done++) {
            advance(100);
            bar.update(done);
        }
        bar.close();

        // 10 s in all: the first line, one at 5 s and one at 10 s, and the last
        assertThat(err.toString().lines()).hasSize(4).allSatisfy(line -> assertThat(line).doesNotContain("\r"))
                .last().asString().contains("100/100 lines 100%").contains("done in 0:10");
    }

    @Test
    void onATerminalItRedrawsOneLineInPlaceAndKeepsMessagesApart() {
        var bar = bar(true, 100, 0);
        advance(50);
        bar.update(10);
        advance(100);
        bar.update(20);
        bar.message("line 21: not JSON; skipped");
        advance(100);
        bar.update(100);
        bar.close();

        String drawn = err.toString();
        assertThat(drawn).startsWith("\rdata.jsonl [>").doesNotContain(" 10/100 ").contains("\r" + "data.jsonl [======>")
                .contains("\rline 21: not JSON; skipped\n\rdata.jsonl [======>").endsWith("done in 0:01\n");
        assertThat(drawn.chars().filter(c -> c == '\n')).as("the message's line end and the last").hasSize(2);
    }

    private ProgressBar bar(boolean terminal, long total, long start) {
        return new ProgressBar(new PrintWriter(err), "data.jsonl", "lines", total, start, terminal, nanos::get);
    }

    private void advance(long millis) {
        nanos.addAndGet(millis * 1_000_000);
    }
}
