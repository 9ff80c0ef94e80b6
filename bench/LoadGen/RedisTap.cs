using System.Diagnostics;
using System.Globalization;

/// <summary>
/// A subscriber of its own on a room's Redis channel (scenario D): it notes when Redis handed on
/// each message, so that a message's time from send to delivery splits into send → Redis (the
/// publisher's instance, its script, Redis) and Redis → socket (the subscribers' instance and
/// the socket writes). It reads on a thread of its own, so the load generator's thread pool does
/// not delay its clock.
/// </summary>
sealed class RedisTap : IDisposable
{
    private readonly Resp _resp;
    private readonly Thread _reader;
    private readonly Dictionary<(int Publisher, long Seq), long> _arrivals = [];

    public RedisTap(int port, string room)
    {
        _resp = new Resp(port);
        _resp.Send("SSUBSCRIBE", $"blazorchat:{{{room}}}:group");
        _resp.Read();   // the confirmation
        _reader = new Thread(Read) { IsBackground = true, Name = "redis tap" };
        _reader.Start();
    }

    /// <summary>When Redis handed on message <paramref name="seq"/> of <paramref name="publisher"/>, if it has.</summary>
    public bool TryGetArrival(int publisher, long seq, out long timestamp)
    {
        lock (_arrivals)
        {
            return _arrivals.TryGetValue((publisher, seq), out timestamp);
        }
    }

    private void Read()
    {
        try
        {
            while (_resp.Read() is object?[] { Length: 3 } push && push[2] is string payload)
            {
                long now = Stopwatch.GetTimestamp();
                // id '\n' JSON, whose "text" is the publisher's "publisher:seq:timestamp:padding".
                int text = payload.IndexOf("\"text\":\"", StringComparison.Ordinal);
                if (text < 0)
                {
                    continue;
                }

                var parts = payload[(text + 8)..].Split(':', 3);
                if (parts.Length == 3 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out int publisher)
                    && long.TryParse(parts[1], CultureInfo.InvariantCulture, out long seq))
                {
                    lock (_arrivals)
                    {
                        _arrivals[(publisher, seq)] = now;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or EndOfStreamException)
        {
            // Disposed at the end of the run.
        }
    }

    public void Dispose() => _resp.Dispose();
}
