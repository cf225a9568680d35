package io.copilot.metrics.api;

import io.netty.channel.Channel;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;

/**
 * Bounds what a subscription may leave waiting for a client that does not read. SmallRye writes
 * each event to the WebSocket as soon as it is emitted, and Vert.x queues what the socket cannot
 * take without limit; so before each event the guard asks whether the connection still drains
 * (Netty's writability: its send buffer is under the high-water mark). Events sent while it does
 * not are counted; one more than the bound and the connection is closed, so a stuck client costs
 * the service at most its send buffer and that many events, never its memory.
 */
public final class SlowClientGuard {

    private static final SlowClientGuard UNBOUNDED = new SlowClientGuard(null, Integer.MAX_VALUE);

    private final Channel channel;
    private final int maxPending;
    private int pending;

    SlowClientGuard(Channel channel, int maxPending) {
        this.channel = channel;
        this.maxPending = maxPending;
    }

    /** The guard of the connection the current request (the WebSocket's upgrade) came on. */
    public static SlowClientGuard of(RoutingContext upgrade, int maxPending) {
        if (upgrade != null && upgrade.request().connection() instanceof ConnectionBase connection) {
            return new SlowClientGuard(connection.channel(), maxPending);
        }
        return UNBOUNDED;
    }

    /** Whether the next event may be sent; false once the client fell too far behind (the connection is then closing). */
    public synchronized boolean admit() {
        if (channel == null) {
            return true;
        }
        if (!channel.isActive()) {
            return false;
        }
        if (channel.isWritable()) {
            pending = 0;
            return true;
        }
        if (++pending > maxPending) {
            channel.close();
            return false;
        }
        return true;
    }
}
