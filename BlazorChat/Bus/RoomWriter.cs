namespace BlazorChat.Bus;

/// <summary>
/// Writes what is queued for one share of a large room's members, on the thread pool. However
/// many messages arrive, at most one run is scheduled at a time: a message queued while the
/// writer runs marks it dirty, and the writer goes round again before it stops. The number
/// of work items thus stays bounded by the rooms, never by the messages or the members.
/// </summary>
internal sealed class RoomWriter(IQueueingGroupMember[] share, Action<IGroupMember, Exception> onMemberFailed) : IThreadPoolWorkItem
{
    /// <summary>
    /// Messages queued since the current pass began beyond which the writer counts as behind.
    /// A publisher waiting for its own echoes (a window) stays under it; a burst from many
    /// publishers goes over it, and they then share the writing.
    /// </summary>
    private const int Behind = 64;

    private const int Idle = 0;
    private const int Scheduled = 1;
    private const int Dirty = 2;
    private int _state;
    private int _queuedThisPass;

    /// <summary>Makes sure a run will write what was just queued; false when the writer is behind.</summary>
    public bool Schedule()
    {
        if (Interlocked.Increment(ref _queuedThisPass) > Behind)
        {
            return false;
        }

        // Idle -> Scheduled queues a run; Scheduled -> Dirty makes the running one go round again.
        while (true)
        {
            int state = Volatile.Read(ref _state);
            if (state == Dirty)
            {
                return true;
            }

            if (Interlocked.CompareExchange(ref _state, state == Idle ? Scheduled : Dirty, state) == state)
            {
                if (state == Idle)
                {
                    ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                }

                return true;
            }
        }
    }

    /// <summary>Writes what is queued for the share, on this thread.</summary>
    public void Write()
    {
        foreach (var member in share)
        {
            try
            {
                member.Flush();
            }
            catch (Exception ex)
            {
                onMemberFailed(member, ex);
            }
        }
    }

    public void Execute()
    {
        do
        {
            Volatile.Write(ref _state, Scheduled);
            Volatile.Write(ref _queuedThisPass, 0);
            Write();
        }
        while (Interlocked.CompareExchange(ref _state, Idle, Scheduled) != Scheduled);
    }
}
