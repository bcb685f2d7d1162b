using System.Text;
using System.Text.Json;
using HlsSwarm.Protocol.Tracker;

namespace HlsSwarm.Tracker.Tests.Core;

/// <summary>Drives a <see cref="TrackerCore"/> in virtual time (milliseconds) and decodes what it sends.</summary>
public sealed class CoreHarness
{
    public const long TicksPerSecond = 1000;

    private readonly TrackerOutput _output = new(256);

    public CoreHarness(TrackerOptions? options = null, int seed = 42)
    {
        Core = new TrackerCore(options ?? new TrackerOptions(), new Random(seed), TicksPerSecond);
    }

    public TrackerCore Core { get; }

    /// <summary>Virtual time in ticks (ms).</summary>
    public long Now { get; set; }

    public List<(long Connection, string Reason)> Closed { get; } = new();

    public void Advance(TimeSpan by)
    {
        Now += (long)(by.TotalSeconds * TicksPerSecond);
        if (Core.PollTimeout() is { } due && Now >= due)
        {
            Core.HandleTimeout(Now);
        }
    }

    /// <summary>Sends one message from a connection; returns every transmit as (receiver, JSON) in order.</summary>
    public List<Sent> Send(long connection, string json) => SendBytes(connection, Encoding.UTF8.GetBytes(json));

    public List<Sent> SendBytes(long connection, byte[] bytes)
    {
        _output.Clear();
        Core.HandleMessage(Now, connection, bytes, _output);
        var sent = new List<Sent>();
        foreach (var t in _output.Transmits)
        {
            var text = _output.GetText(t);
            sent.Add(new Sent(t.ConnectionId, text, JsonDocument.Parse(text).RootElement.Clone()));
        }

        foreach (var c in _output.Closes)
        {
            Closed.Add((c.ConnectionId, c.Reason));
        }

        return sent;
    }

    public int Peers(string infoHash) => Core.CountPeers(WireId.FromLatin1(infoHash));

    public sealed record Sent(long To, string Text, JsonElement Json)
    {
        public string? Str(string name) => Json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        public int Int(string name) => Json.GetProperty(name).GetInt32();

        public bool Has(string name) => Json.TryGetProperty(name, out _);
    }
}
