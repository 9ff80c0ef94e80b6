using System.Diagnostics;

namespace BlazorChat.Diagnostics;

/// <summary>
/// The span of one send (none when nobody listens). Disposing it ends the span, as failed unless
/// <see cref="Sent"/> came first (the bus threw: Redis was unavailable, or the sender went away),
/// and makes current again the activity that was current before the send.
/// </summary>
internal readonly struct SendSpan(Activity? activity, Activity? ambient) : IDisposable
{
    public Activity? Activity => activity;

    /// <summary>The context a fan-out's span is the child of; default when the send is not traced.</summary>
    public ActivityContext Context => activity?.Context ?? default;

    /// <summary>Records that the bus took the message, under <paramref name="id"/> (empty for a live-only one).</summary>
    public void Sent(string id)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(ChatTracing.Tags.Outcome, "sent");
            if (id.Length > 0)
            {
                activity.SetTag(ChatTracing.Tags.MessageId, id);
            }
        }
    }

    public void Dispose()
    {
        if (activity is null)
        {
            return;
        }

        if (activity.IsAllDataRequested && activity.GetTagItem(ChatTracing.Tags.Outcome) is null)
        {
            activity.SetTag(ChatTracing.Tags.Outcome, "failed");
            activity.SetStatus(ActivityStatusCode.Error, "The bus did not take the message.");
        }

        activity.Dispose();
        System.Diagnostics.Activity.Current = ambient;
    }
}
