using System.Diagnostics;
using BlazorChat.Chat;
using BlazorChat.Rooms;

namespace BlazorChat.Diagnostics;

/// <summary>
/// The <c>BlazorChat</c> activity source: a producer span for each message sent to a room
/// (<see cref="SendName"/>), and a consumer span for each instance's fan-out of it to its local
/// members (<see cref="DeliverName"/>), a child of the send's, across Redis too. Nothing is made
/// while nobody listens: <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> answers
/// null, and no trace context crosses Redis.
/// </summary>
public static class ChatTracing
{
    public const string SourceName = "BlazorChat";

    public const string SendName = "chat.send";

    public const string DeliverName = "chat.deliver";

    /// <summary>The tags the spans carry; never the message's text or its sender.</summary>
    public static class Tags
    {
        public const string Room = "messaging.destination.name";
        public const string MessageId = "messaging.message.id";
        public const string Operation = "messaging.operation.type";
        public const string Kind = "blazorchat.message.kind";
        public const string Bus = "blazorchat.bus";
        public const string Outcome = "blazorchat.outcome";
        public const string Delivered = "blazorchat.delivered";
        public const string Refused = "blazorchat.refused";
    }

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Starts the span of one send on <paramref name="bus"/> (<c>memory</c> or <c>redis</c>).
    /// It starts a trace of its own, linked to the activity current at the send (if any): a socket
    /// or a page lives for hours under one request, and one trace per message stays readable.
    /// </summary>
    internal static SendSpan StartSend(string group, MessageKind kind, string bus)
    {
        if (!Source.HasListeners())
        {
            return default;
        }

        var ambient = Activity.Current;
        ActivityTagsCollection tags = new()
        {
            [Tags.Room] = group,
            [Tags.Kind] = kind.ToLabel(),
            [Tags.Bus] = bus,
            [Tags.Operation] = "send",
        };
        // StartActivity takes the current activity as the parent when given none: clear it for
        // the start, and put it back when the send ends (SendSpan.Dispose).
        Activity.Current = null;
        var activity = Source.StartActivity(SendName, ActivityKind.Producer, default(ActivityContext), tags,
            ambient is null ? null : [new ActivityLink(ambient.Context)]);
        if (activity is null)
        {
            Activity.Current = ambient;
        }

        return new SendSpan(activity, ambient);
    }

    /// <summary>
    /// Starts the span of one instance's fan-out of a message to <paramref name="group"/>'s local
    /// members, a child of the sender's <paramref name="sender"/>; none for a send that was not traced.
    /// </summary>
    internal static Activity? StartDeliver(string group, ChatMessage message, ActivityContext sender)
    {
        // The listener check first: it is one field read, and off it is all a fan-out pays.
        if (!Source.HasListeners() || sender == default)
        {
            return null;
        }

        var activity = Source.StartActivity(DeliverName, ActivityKind.Consumer, sender);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(Tags.Room, group);
            activity.SetTag(Tags.Kind, message.Kind.ToLabel());
            activity.SetTag(Tags.Operation, "process");
            if (message.Id.Length > 0)
            {
                activity.SetTag(Tags.MessageId, message.Id);
            }
        }

        return activity;
    }

    /// <summary>Records how many local members took the message and how many could not.</summary>
    internal static void Delivered(Activity? activity, int delivered, int refused)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(Tags.Delivered, delivered);
            activity.SetTag(Tags.Refused, refused);
        }
    }

    /// <summary>
    /// The W3C trace context (<c>traceparent</c>, and <c>tracestate</c> when there is one) of the
    /// send, as <see cref="DistributedContextPropagator"/> writes it, for a payload to carry; null
    /// when the send is not traced, so an untraced payload does not grow.
    /// </summary>
    internal static Dictionary<string, string>? Carrier(Activity? activity)
    {
        if (activity is null)
        {
            return null;
        }

        var carrier = new Dictionary<string, string>(2, StringComparer.Ordinal);
        DistributedContextPropagator.Current.Inject(activity, carrier, static (target, name, value) =>
        {
            if (target is Dictionary<string, string> fields && value is not null)
            {
                fields[name] = value;
            }
        });
        return carrier;
    }

    /// <summary>The sender's context in what <see cref="Carrier"/> wrote; default when there is none, it is malformed, or nobody here listens.</summary>
    internal static ActivityContext Extract(Dictionary<string, string>? carrier)
    {
        if (carrier is null || !Source.HasListeners())
        {
            return default;
        }

        DistributedContextPropagator.Current.ExtractTraceIdAndState(carrier,
            static (object? source, string name, out string? value, out IEnumerable<string>? values) =>
            {
                values = null;
                value = source is Dictionary<string, string> fields ? fields.GetValueOrDefault(name) : null;
            },
            out var traceParent, out var traceState);
        return ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context) ? context : default;
    }
}
