package io.trustgate.gateway;

/**
 * Lets the gateway stop a provider call that is still in flight, when the client has gone away or the call's
 * total timeout fired, so that an abandoned request does not keep an upstream busy (and billing). The provider
 * registers how to stop its current exchange (typically resetting the HTTP request); a cancellation that comes
 * first stops the exchange as soon as it is registered. Confined to the call's event loop.
 */
public final class Cancellation {
    private Runnable action = () -> {};
    private boolean cancelled;

    /** Registers how to stop the exchange in flight, replacing any earlier registration. */
    public void onCancel(Runnable stop) {
        if (cancelled) {
            stop.run();
        } else {
            this.action = stop;
        }
    }

    /** Stops the exchange in flight, once. */
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            action.run();
        }
    }

    public boolean cancelled() {
        return cancelled;
    }
}
