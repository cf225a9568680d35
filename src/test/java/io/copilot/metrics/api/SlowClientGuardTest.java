package io.copilot.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;

/** On a real Netty channel whose send buffer fills up because nothing drains it. */
class SlowClientGuardTest {

    @Test
    void aClientThatReadsIsNeverStopped() {
        EmbeddedChannel channel = channelWithSmallBuffer();
        SlowClientGuard guard = new SlowClientGuard(channel, 2);
        for (int i = 0; i < 100; i++) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[64]));   // drained at once
            assertThat(guard.admit()).isTrue();
        }
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void aClientThatStopsReadingIsClosedAfterTheBound() {
        EmbeddedChannel channel = channelWithSmallBuffer();
        SlowClientGuard guard = new SlowClientGuard(channel, 2);
        channel.write(Unpooled.wrappedBuffer(new byte[64]));               // stuck above the high-water mark
        assertThat(channel.isWritable()).isFalse();

        assertThat(guard.admit()).as("first waiting event").isTrue();
        assertThat(guard.admit()).as("second waiting event").isTrue();
        assertThat(guard.admit()).as("one more than the bound").isFalse();
        assertThat(channel.isActive()).isFalse();
        assertThat(guard.admit()).isFalse();
    }

    @Test
    void catchingUpStartsTheCountAgain() {
        EmbeddedChannel channel = channelWithSmallBuffer();
        SlowClientGuard guard = new SlowClientGuard(channel, 2);
        channel.write(Unpooled.wrappedBuffer(new byte[64]));
        assertThat(guard.admit()).isTrue();
        assertThat(guard.admit()).isTrue();
        channel.flush();                                                  // the client read it all
        assertThat(guard.admit()).isTrue();
        channel.write(Unpooled.wrappedBuffer(new byte[64]));
        assertThat(guard.admit()).isTrue();
        assertThat(guard.admit()).isTrue();
        assertThat(channel.isActive()).isTrue();
    }

    private static EmbeddedChannel channelWithSmallBuffer() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
        return channel;
    }
}
