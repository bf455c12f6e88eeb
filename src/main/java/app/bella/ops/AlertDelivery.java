package app.bella.ops;

/** One notice on one channel: the body the pipeline splits over; the channel routes render and send it. */
public final class AlertDelivery {

    private final long id;
    private final String channel;
    private final Notice notice;

    public AlertDelivery(long id, String channel, Notice notice) {
        this.id = id;
        this.channel = channel;
        this.notice = notice;
    }

    public long getId() {
        return id;
    }

    public String getChannel() {
        return channel;
    }

    public Notice getNotice() {
        return notice;
    }

    @Override
    public String toString() {
        return "delivery " + id + " of alert " + notice.alert().id() + " via " + channel + " (" + notice.kind().wire() + ")";
    }
}
