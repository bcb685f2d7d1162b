using System.Text;
using System.Text.Json;

namespace HlsSwarm.Cli.Bench;

/// <summary>Everything one <c>hlsswarm bench datachannel</c> run measured, as text or as one JSON object.</summary>
internal sealed record DataChannelReport(
    MachineInfo Machine,
    DataChannelBenchSettings Settings,
    ThroughputResult OursToOurs,
    ThroughputResult OursToOursSmall,
    ThroughputResult DtlsOnly,
    ThroughputResult DtlsInMemory,
    SetupTimes Setup,
    IReadOnlyList<VirtualNetworkResult> Virtual,
    IdleConnectionFootprint Idle,
    ChromiumResult Chromium)
{
    /// <summary>The sender's SCTP counters during the 256 KiB run.</summary>
    public SctpCounters? OursToOursCounters { get; init; }

    /// <summary>The sender's SCTP counters during the 64 KiB run.</summary>
    public SctpCounters? OursToOursSmallCounters { get; init; }

    /// <summary>Our data channel as a share of the raw-DTLS ceiling measured in the same run (target ≥ 0.6).</summary>
    public double OursToDtlsRatio => DtlsOnly.Mbps > 0 ? OursToOurs.Mbps / DtlsOnly.Mbps : 0;

    /// <summary>One JSON object (field names in docs/benchmarks.md and src/HlsSwarm.Cli/README.md).</summary>
    public string ToJson()
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("benchmark", "datachannel");
            json.WriteStartObject("machine");
            json.WriteNumber("cores", Machine.Cores);
            if (Machine.LoadAverage is { } load)
            {
                json.WriteStartArray("loadAverage");
                foreach (var l in load)
                {
                    json.WriteNumberValue(Math.Round(l, 2));
                }
                json.WriteEndArray();
            }
            else
            {
                json.WriteNull("loadAverage");
            }
            json.WriteString("cpu", Machine.Cpu);
            json.WriteString("os", Machine.Os);
            json.WriteString("runtime", Machine.Runtime);
            json.WriteEndObject();
            json.WriteNumber("messageBytes", DataChannelBenchSettings.LargeMessage);

            Mbps(json, "oursToOursMbps", OursToOurs.Mbps);
            Mbps(json, "oursToOurs64KiBMbps", OursToOursSmall.Mbps);
            Mbps(json, "dtlsOnlyMbps", DtlsOnly.Mbps);
            Mbps(json, "dtlsInMemoryMbps", DtlsInMemory.Mbps);
            json.WriteNumber("oursToDtlsRatio", Math.Round(OursToDtlsRatio, 3));
            json.WriteNumber("coresPerGbps", Math.Round(OursToOurs.CoresPerGbps, 3));
            json.WriteNumber("dtlsOnlyCoresPerGbps", Math.Round(DtlsOnly.CoresPerGbps, 3));
            Mbps(json, "oursToChromiumMbps", Chromium.OursToChromium?.Mbps);
            Mbps(json, "chromiumToOursMbps", Chromium.ChromiumToOurs?.Mbps);
            Mbps(json, "chromiumToChromiumMbps", Chromium.ChromiumToChromium?.Mbps);

            json.WritePropertyName("setupMs");
            WriteSetup(json, Setup);
            json.WritePropertyName("chromiumSetupMs");
            if (Chromium.SetupOursOffering is null || Chromium.SetupChromiumOffering is null)
            {
                json.WriteNullValue();
            }
            else
            {
                json.WriteStartObject();
                json.WritePropertyName("oursOffering");
                WriteSetup(json, Chromium.SetupOursOffering);
                json.WritePropertyName("chromiumOffering");
                WriteSetup(json, Chromium.SetupChromiumOffering);
                if (Chromium.ChromiumOfferReady is { } ready)
                {
                    json.WritePropertyName("chromiumOfferReady");
                    WriteSetup(json, ready);
                }
                json.WriteEndObject();
            }

            json.WriteStartArray("virtual");
            foreach (var v in Virtual)
            {
                json.WriteStartObject();
                json.WriteNumber("rttMs", v.RttMs);
                json.WriteNumber("lossPercent", v.LossPercent);
                Mbps(json, "mbps", v.Mbps);
                json.WriteNumber("retransmissions", v.Retransmissions);
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteNumber("idleConnectionBytes", Math.Round(Idle.ManagedBytes));
            json.WriteNumber("idleConnectionWorkingSetBytes", Math.Round(Idle.WorkingSetBytes));
            json.WriteNumber("idleConnectionThreads", Math.Round(Idle.Threads, 2));
            json.WriteNumber("idleConnections", Idle.Connections);

            json.WriteStartObject("details");
            json.WriteNumber("seconds", Settings.Seconds);
            json.WriteNumber("bytes", Settings.Bytes);
            Transfer(json, "oursToOurs", OursToOurs, OursToOursCounters);
            Transfer(json, "oursToOurs64KiB", OursToOursSmall, OursToOursSmallCounters);
            Transfer(json, "dtlsOnly", DtlsOnly);
            Transfer(json, "dtlsInMemory", DtlsInMemory);
            json.WriteString("dtlsOnlyTransport", "udp-loopback");
            json.WriteNumber("dtlsRecordBytes", DtlsOnly.Messages > 0 ? DtlsOnly.Bytes / DtlsOnly.Messages : 0);
            json.WriteString("chromiumVersion", Chromium.Version);
            json.WriteString("chromiumNote", Chromium.Note);
            if (Chromium.OursToChromium is { } o)
            {
                Transfer(json, "oursToChromium", o);
            }
            if (Chromium.ChromiumToOurs is { } c)
            {
                Transfer(json, "chromiumToOurs", c);
            }
            if (Chromium.ChromiumToChromium is { } cc)
            {
                Transfer(json, "chromiumToChromium", cc);
            }
            json.WriteStartArray("virtualRealSeconds");
            foreach (var v in Virtual)
            {
                json.WriteNumberValue(Math.Round(v.RealSeconds, 2));
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The readable table: measure, value, target or reference (issue 4).</summary>
    public void WriteText(TextWriter output)
    {
        var rows = new List<(string Measure, string Value, string Target)>
        {
            ($"ours → ours, loopback, {Kib(DataChannelBenchSettings.LargeMessage)} messages", $"{OursToOurs.Mbps:0} Mbit/s", "≥ 600 (pion ~570, libdatachannel 500–1,000, SIPSorcery ~65)"),
            ($"ours → ours, loopback, {Kib(DataChannelBenchSettings.SmallMessage)} messages", $"{OursToOursSmall.Mbps:0} Mbit/s", ""),
            ("CPU, both peers (256 KiB run)", $"{OursToOurs.Cores:0.00} cores = {OursToOurs.CoresPerGbps:0.00} cores per Gbit/s", ""),
            ($"raw DTLS 1.2 over UDP loopback, {(DtlsOnly.Messages > 0 ? DtlsOnly.Bytes / DtlsOnly.Messages : 0)}-byte records", $"{DtlsOnly.Mbps:0} Mbit/s", "the ceiling (same records, same socket path)"),
            ("raw DTLS 1.2 in memory (no sockets)", $"{DtlsInMemory.Mbps:0} Mbit/s", ""),
            ("ours ÷ raw DTLS", $"{OursToDtlsRatio:0.00}", "≥ 0.60"),
            ("set-up on loopback, warm p50 / p95", $"{Setup.P50:0.0} / {Setup.P95:0.0} ms", "≤ 100 ms"),
            ("set-up on loopback, first of the process", Setup.ColdMs is { } cold ? $"{cold:0.0} ms" : "n/a", ""),
        };
        foreach (var v in Virtual)
        {
            var target = v is { RttMs: 100, LossPercent: 0 } ? "≥ 40 (pion 45)" : "";
            rows.Add(($"virtual network, {v.RttMs} ms RTT, {v.LossPercent:0.#} % loss", $"{v.Mbps:0.0} Mbit/s", target));
        }
        rows.Add(($"idle connection (K = {Idle.Connections})",
            $"{Idle.ManagedBytes / 1024:0.0} KiB heap, {Idle.WorkingSetBytes / 1024:0} KiB working set, {Idle.Threads:0.0} threads", "a peer keeps 20–50"));
        var c = Chromium;
        rows.Add(("ours → Chromium", Value(c.OursToChromium), "≥ Chromium → Chromium (SIPSorcery → Chrome ~65)"));
        rows.Add(("Chromium → ours", Value(c.ChromiumToOurs), ""));
        rows.Add(("Chromium → Chromium (same browser)", Value(c.ChromiumToChromium), ""));
        rows.Add(("set-up with Chromium, we offer, p50", c.SetupOursOffering is { } so ? $"{so.P50:0.0} ms (first {so.ColdMs:0.0})" : "null", ""));
        rows.Add(("set-up with Chromium, it offers, p50", c.SetupChromiumOffering is { } sc ? $"{sc.P50:0.0} ms (first {sc.ColdMs:0.0})" : "null", ""));
        if (c.ChromiumOfferReady is { } ready)
        {
            rows.Add(("  of which Chromium's offer with candidates, p50", $"{ready.P50:0.0} ms", ""));
        }

        output.WriteLine($"hlsswarm bench datachannel: {Machine.Cores} cores, load average {Machine.LoadAverageText} at start, {Machine.Runtime}");
        var w0 = rows.Max(r => r.Measure.Length);
        var w1 = rows.Max(r => r.Value.Length);
        foreach (var (measure, value, target) in rows)
        {
            output.WriteLine($"{measure.PadRight(w0)}  {value.PadRight(w1)}  {target}".TrimEnd());
        }
        if (c.Note is not null)
        {
            output.WriteLine($"Chromium: {c.Note}");
        }
    }

    private static string Value(ThroughputResult? r) => r is null ? "null" : $"{r.Mbps:0} Mbit/s";

    private static string Kib(int bytes) => $"{bytes / 1024} KiB";

    private static void Mbps(Utf8JsonWriter json, string name, double? mbps)
    {
        if (mbps is { } value)
        {
            json.WriteNumber(name, Math.Round(value, 1));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteSetup(Utf8JsonWriter json, SetupTimes setup)
    {
        json.WriteStartObject();
        if (setup.ColdMs is { } cold)
        {
            json.WriteNumber("cold", Math.Round(cold, 1));
        }
        else
        {
            json.WriteNull("cold");
        }
        json.WriteNumber("p50", Math.Round(setup.P50, 1));
        json.WriteNumber("p95", Math.Round(setup.P95, 1));
        json.WriteNumber("count", setup.Samples.Count);
        json.WriteEndObject();
    }

    private static void Transfer(Utf8JsonWriter json, string name, ThroughputResult r, SctpCounters? counters = null)
    {
        json.WriteStartObject(name);
        json.WriteNumber("bytes", r.Bytes);
        json.WriteNumber("messages", r.Messages);
        json.WriteNumber("seconds", Math.Round(r.Seconds, 3));
        json.WriteNumber("cpuSeconds", Math.Round(r.CpuSeconds, 3));
        if (counters is not null)
        {
            json.WriteNumber("sctpPacketsSent", counters.PacketsSent);
            json.WriteNumber("fastRetransmissions", counters.FastRetransmissions);
            json.WriteNumber("t3Expiries", counters.T3Expiries);
            json.WriteNumber("congestionWindow", counters.CongestionWindow);
            json.WriteNumber("receiverDtlsDropped", counters.ReceiverDtlsDropped);
        }
        json.WriteEndObject();
    }
}
