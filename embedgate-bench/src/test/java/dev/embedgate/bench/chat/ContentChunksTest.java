package dev.embedgate.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentChunksTest {

    @Test
    void aDeltaWithTextCarriesTextWhetherOrNotTheRoleComesFirst() {
        assertThat(ContentChunks.carriesText("data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":"
                + "\"assistant\",\"content\":\"You \"},\"logprobs\":null,\"finish_reason\":null}]}")).isTrue();
        assertThat(ContentChunks.carriesText("data: {\"choices\":[{\"delta\":{\"content\":\"said\",\"role\":"
                + "\"assistant\"}}]}")).isTrue();
        assertThat(ContentChunks.carriesText("data:{\"choices\":[{\"delta\":{\"content\": \"x\"}}]}")).isTrue();
    }

    @Test
    void anEmptyFirstDeltaTheFinishReasonAndTheUsageCarryNoText() {
        assertThat(ContentChunks.carriesText("data: {\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}"))
                .isFalse();
        assertThat(ContentChunks.carriesText("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}"))
                .isFalse();
        assertThat(ContentChunks.carriesText("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3}}")).isFalse();
        assertThat(ContentChunks.carriesText("data: {\"choices\":[{\"delta\":{\"content\":null}}]}")).isFalse();
    }

    @Test
    void contentOutsideADeltaOrOutsideADataLineIsNotText() {
        assertThat(ContentChunks.carriesText("data: {\"message\":{\"content\":\"whole\"}}")).isFalse();
        assertThat(ContentChunks.carriesText(": {\"delta\":{\"content\":\"comment\"}}")).isFalse();
        assertThat(ContentChunks.carriesText("")).isFalse();
    }

    @Test
    void doneEndsTheStream() {
        assertThat(ContentChunks.done("data: [DONE]")).isTrue();
        assertThat(ContentChunks.done("data:[DONE]")).isTrue();
        assertThat(ContentChunks.done("data: {\"done\":true}")).isFalse();
    }
}
