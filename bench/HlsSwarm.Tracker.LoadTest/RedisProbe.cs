using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace HlsSwarm.Tracker.LoadTest;

/// <summary>
/// Reads <c>INFO commandstats</c> from the cluster's Redis over a plain RESP connection (one command, no client
/// library) and redis-server's CPU from /proc.
/// </summary>
internal static class RedisProbe
{
    /// <summary>Calls per command name (lower case) and redis-server CPU seconds at one moment.</summary>
    /// <param name="RoundTrips">Σ over the nodes of <c>/stats</c> <c>cluster.redisRoundTrips</c>: what the trackers counted.</param>
    /// <param name="NodeAnnounces">Σ over the nodes of <c>cluster.announces</c> (announces written to Redis).</param>
    /// <param name="AnswerRoundTrips">Σ of answers sent through Redis (published or found without target): one round trip each.</param>
    public sealed record Sample(IReadOnlyDictionary<string, long> Calls, double CpuSeconds, long RoundTrips, long NodeAnnounces, long AnswerRoundTrips);

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public static async Task<Sample> ReadAsync(LoadTestOptions o, CancellationToken ct)
    {
        string[] hostPort = o.Redis!.Split(':');
        using var client = new TcpClient();
        await client.ConnectAsync(hostPort[0], int.Parse(hostPort[1], CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
        NetworkStream stream = client.GetStream();
        await stream.WriteAsync("*2\r\n$4\r\nINFO\r\n$12\r\ncommandstats\r\n"u8.ToArray(), ct).ConfigureAwait(false);
        // Reply: $<length>\r\n<text>\r\n
        var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int expected = -1, header = 0;
        while (expected < 0 || buffer.Length < header + expected + 2)
        {
            int n = await stream.ReadAsync(chunk, ct).ConfigureAwait(false);
            if (n == 0) throw new IOException("redis closed the connection");
            buffer.Write(chunk, 0, n);
            if (expected < 0)
            {
                string head = Encoding.ASCII.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
                int eol = head.IndexOf("\r\n", StringComparison.Ordinal);
                if (eol > 0)
                {
                    expected = int.Parse(head[1..eol], CultureInfo.InvariantCulture);
                    header = eol + 2;
                }
            }
        }

        string text = Encoding.ASCII.GetString(buffer.GetBuffer(), header, expected);
        var calls = new Dictionary<string, long>(StringComparer.Ordinal);
        // cmdstat_zadd:calls=12,usec=34,usec_per_call=2.83,rejected_calls=0,failed_calls=0
        foreach (string line in text.Split("\r\n"))
        {
            // Our own INFO is no tracker traffic.
            if (!line.StartsWith("cmdstat_", StringComparison.Ordinal) || line.StartsWith("cmdstat_info:", StringComparison.Ordinal)) continue;
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            string name = line[8..colon];
            foreach (string field in line[(colon + 1)..].Split(','))
            {
                if (field.StartsWith("calls=", StringComparison.Ordinal))
                    calls[name] = long.Parse(field[6..], CultureInfo.InvariantCulture);
            }
        }

        long roundTrips = 0, announces = 0, answers = 0;
        foreach (Uri ws in o.Urls.DefaultIfEmpty(o.Url))
        {
            string json = await Http.GetStringAsync(new Uri($"http://{ws.Host}:{ws.Port}/stats"), ct).ConfigureAwait(false);
            using var doc = System.Text.Json.JsonDocument.Parse(json);
            if (doc.RootElement.TryGetProperty("cluster", out var c))
            {
                roundTrips += c.GetProperty("redisRoundTrips").GetInt64();
                announces += c.GetProperty("announces").GetInt64();
                answers += c.GetProperty("answersToRemotePeers").GetInt64() + c.GetProperty("answersDropped").GetInt64();
            }
        }

        return new Sample(calls, o.RedisPid > 0 ? ProcessProbe.CpuSeconds(o.RedisPid) : double.NaN, roundTrips, announces, answers);
    }
}
