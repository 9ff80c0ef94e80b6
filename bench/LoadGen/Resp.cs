using System.Globalization;
using System.Net.Sockets;
using System.Text;

/// <summary>
/// Just enough of Redis's protocol (RESP2) to ask a node for its INFO and to read what a
/// subscription pushes, over a plain connection: the load generator needs no client library
/// for that, and whatever it costs stays out of the servers being measured.
/// </summary>
sealed class Resp : IDisposable
{
    private readonly TcpClient _client;
    private readonly BufferedStream _stream;

    public Resp(int port)
    {
        _client = new TcpClient("127.0.0.1", port) { NoDelay = true };
        _stream = new BufferedStream(_client.GetStream(), 65_536);
    }

    /// <summary>One command's answer, as text (a bulk string, a status or an integer).</summary>
    public static string Ask(int port, params string[] command)
    {
        using var resp = new Resp(port);
        resp.Send(command);
        return resp.Read() as string ?? "";
    }

    /// <summary>The value of <paramref name="field"/> in an INFO or CLUSTER INFO answer, or null.</summary>
    public static string? Field(string info, string field)
    {
        foreach (var line in info.Split("\r\n"))
        {
            if (line.Length > field.Length && line[field.Length] == ':' && line.StartsWith(field, StringComparison.Ordinal))
            {
                return line[(field.Length + 1)..];
            }
        }

        return null;
    }

    public static double Number(string info, string field) =>
        Field(info, field) is { } value ? double.Parse(value, CultureInfo.InvariantCulture) : 0;

    public void Send(params string[] command)
    {
        var text = new StringBuilder($"*{command.Length}\r\n");
        foreach (var part in command)
        {
            text.Append(CultureInfo.InvariantCulture, $"${Encoding.UTF8.GetByteCount(part)}\r\n{part}\r\n");
        }

        _stream.Write(Encoding.UTF8.GetBytes(text.ToString()));
        _stream.Flush();
    }

    /// <summary>The next reply: a string (bulk, status, integer, error), null, or an array of replies.</summary>
    public object? Read()
    {
        var line = ReadLine();
        switch (line[0])
        {
            case '+' or ':' or '-':
                return line[1..];
            case '$':
                int length = int.Parse(line.AsSpan(1), CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    return null;
                }

                var bytes = new byte[length + 2];
                _stream.ReadExactly(bytes);
                return Encoding.UTF8.GetString(bytes, 0, length);
            case '*':
                int count = int.Parse(line.AsSpan(1), CultureInfo.InvariantCulture);
                var items = new object?[Math.Max(count, 0)];
                for (int i = 0; i < items.Length; i++)
                {
                    items[i] = Read();
                }

                return items;
            default:
                throw new InvalidDataException($"Not a RESP reply: {line}");
        }
    }

    private string ReadLine()
    {
        var line = new StringBuilder();
        int b;
        while ((b = _stream.ReadByte()) != '\n')
        {
            if (b < 0)
            {
                throw new EndOfStreamException("Redis closed the connection.");
            }

            if (b != '\r')
            {
                line.Append((char)b);
            }
        }

        return line.ToString();
    }

    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }
}
