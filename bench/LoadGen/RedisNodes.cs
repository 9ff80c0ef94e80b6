/// <summary>
/// What each Redis node spent while the messages went through (scenario H): its CPU seconds
/// (INFO cpu, user + system), the bytes it wrote to its sockets (wchar of /proc/PID/io: clients,
/// replication and the cluster bus alike, since no node writes to disk here) and the messages it
/// sent on the cluster bus (CLUSTER INFO), read before the first send and after the last delivery.
/// </summary>
sealed class RedisNodes(IReadOnlyList<int> ports)
{
    private Reading[] _before = [];

    public void Start() => _before = [.. ports.Select(Read)];

    /// <summary>Each node's share of the run, for <paramref name="published"/> messages sent.</summary>
    public object Finish(long published)
    {
        var nodes = ports.Select((port, i) =>
        {
            var (before, after) = (_before[i], Read(port));
            return new
            {
                port,
                role = after.Role,
                cpuSeconds = after.CpuSeconds - before.CpuSeconds,
                bytesSent = after.BytesWritten - before.BytesWritten,
                clusterMessagesSent = after.ClusterMessagesSent - before.ClusterMessagesSent,
            };
        }).ToArray();
        return new { published, nodes };
    }

    private static Reading Read(int port)
    {
        var info = Resp.Ask(port, "INFO");
        int pid = (int)Resp.Number(info, "process_id");
        long written = File.ReadLines($"/proc/{pid}/io").Where(l => l.StartsWith("wchar:", StringComparison.Ordinal))
            .Select(l => long.Parse(l["wchar:".Length..].Trim())).Single();
        double cluster = Resp.Field(info, "cluster_enabled") == "1"
            ? Resp.Number(Resp.Ask(port, "CLUSTER", "INFO"), "cluster_stats_messages_sent")
            : 0;
        return new Reading(Resp.Field(info, "role") ?? "", Resp.Number(info, "used_cpu_user") + Resp.Number(info, "used_cpu_sys"), written, (long)cluster);
    }

    private readonly record struct Reading(string Role, double CpuSeconds, long BytesWritten, long ClusterMessagesSent);
}
