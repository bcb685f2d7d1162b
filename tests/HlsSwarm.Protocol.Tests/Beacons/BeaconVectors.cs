using Xunit;

namespace HlsSwarm.Protocol.Tests.Beacons;

/// <summary>Beacon bodies of the issue 5 contract (/work/wt/ISSUE5-CONTRACT.md, "Beacon: POST /api/beacon").</summary>
public static class BeaconVectors
{
    /// <summary>The contract's example, comments removed.</summary>
    public const string Full = """
        {"v":1,"sessionId":"s3ss10n-ABC_def","seq":12,"client":{"kind":"web","version":"0.5.0"},
         "stream":"http://127.0.0.1:8080/demo/vod/master.m3u8","rendition":"640x360 800000","peerId":"-PM0203-AAAAAAAAAAAA",
         "p2p":{"enabled":true,"group":"p2p"},"bytes":{"http":1000,"p2p":2000,"uploaded":3000},
         "peers":{"connected":2,"attempts":5,"failures":{"timeout":1,"ice-failed":0}},
         "transfers":[{"peerId":"-PM0203-BBBBBBBBBBBB","down":123,"up":456}],
         "startupMs":812,"stalls":{"count":1,"ms":250},"playingMs":42000,"liveLatencyMs":6100,
         "errors":[{"kind":"networkError","message":"<script>alert(1)</script>"}],"metered":false}
        """;

    /// <summary>Only the required fields.</summary>
    public const string Minimal = """
        {"v":1,"sessionId":"abcdefgh","seq":0,"client":{"kind":"engine"},"stream":"s","bytes":{}}
        """;

    /// <summary>
    /// One-field edits of <see cref="Full"/> and the (field, rule) each must be refused with: every field's type,
    /// range and length rule.
    /// </summary>
    public static TheoryData<string, string, string, BeaconRuleName> Invalid => new()
    {
        { "\"v\":1", "\"v\":2", "v", BeaconRuleName.UnknownVersion },
        { "\"v\":1", "\"v\":\"1\"", "v", BeaconRuleName.WrongType },
        { "\"v\":1,", "", "v", BeaconRuleName.Missing },
        { "\"sessionId\":\"s3ss10n-ABC_def\"", "\"sessionId\":\"short\"", "sessionId", BeaconRuleName.BadLength },
        { "\"sessionId\":\"s3ss10n-ABC_def\"", $"\"sessionId\":\"{new string('a', 65)}\"", "sessionId", BeaconRuleName.BadLength },
        { "\"sessionId\":\"s3ss10n-ABC_def\"", "\"sessionId\":\"has space in\"", "sessionId", BeaconRuleName.BadValue },
        { "\"sessionId\":\"s3ss10n-ABC_def\"", "\"sessionId\":\"<script>x</script>\"", "sessionId", BeaconRuleName.BadValue },
        { "\"sessionId\":\"s3ss10n-ABC_def\"", "\"sessionId\":12345678", "sessionId", BeaconRuleName.WrongType },
        { "\"sessionId\":\"s3ss10n-ABC_def\",", "", "sessionId", BeaconRuleName.Missing },
        { "\"seq\":12", "\"seq\":-1", "seq", BeaconRuleName.OutOfRange },
        { "\"seq\":12", "\"seq\":1.5", "seq", BeaconRuleName.OutOfRange },
        { "\"seq\":12", "\"seq\":9007199254740993", "seq", BeaconRuleName.OutOfRange },
        { "\"seq\":12", "\"seq\":1e400", "seq", BeaconRuleName.OutOfRange },
        { "\"seq\":12", "\"seq\":null", "seq", BeaconRuleName.WrongType },
        { "\"seq\":12,", "", "seq", BeaconRuleName.Missing },
        { "\"kind\":\"web\"", "\"kind\":\"bot\"", "client.kind", BeaconRuleName.BadValue },
        { "\"kind\":\"web\",", "", "client.kind", BeaconRuleName.Missing },
        { "\"version\":\"0.5.0\"", $"\"version\":\"{new string('1', 33)}\"", "client.version", BeaconRuleName.BadLength },
        { "\"client\":{\"kind\":\"web\",\"version\":\"0.5.0\"}", "\"client\":\"web\"", "client", BeaconRuleName.WrongType },
        { "\"stream\":\"http://127.0.0.1:8080/demo/vod/master.m3u8\"", "\"stream\":\"\"", "stream", BeaconRuleName.BadLength },
        { "\"stream\":\"http://127.0.0.1:8080/demo/vod/master.m3u8\"", $"\"stream\":\"{new string('u', 2049)}\"", "stream", BeaconRuleName.BadLength },
        { "\"rendition\":\"640x360 800000\"", $"\"rendition\":\"{new string('r', 129)}\"", "rendition", BeaconRuleName.BadLength },
        { "\"rendition\":\"640x360 800000\"", "\"rendition\":null", "rendition", BeaconRuleName.WrongType },
        { "\"peerId\":\"-PM0203-AAAAAAAAAAAA\"", $"\"peerId\":\"{new string('p', 65)}\"", "peerId", BeaconRuleName.BadLength },
        { "\"peerId\":\"-PM0203-AAAAAAAAAAAA\"", "\"peerId\":7", "peerId", BeaconRuleName.WrongType },
        { "\"enabled\":true", "\"enabled\":1", "p2p.enabled", BeaconRuleName.WrongType },
        { "\"group\":\"p2p\"", "\"group\":\"both\"", "p2p.group", BeaconRuleName.BadValue },
        { "\"http\":1000", "\"http\":-5", "bytes.http", BeaconRuleName.OutOfRange },
        { "\"p2p\":2000", "\"p2p\":\"2000\"", "bytes.p2p", BeaconRuleName.WrongType },
        { "\"uploaded\":3000", "\"uploaded\":9007199254740993", "bytes.uploaded", BeaconRuleName.OutOfRange },
        { "\"bytes\":{\"http\":1000,\"p2p\":2000,\"uploaded\":3000},", "", "bytes", BeaconRuleName.Missing },
        { "\"connected\":2", "\"connected\":10001", "peers.connected", BeaconRuleName.OutOfRange },
        { "\"attempts\":5", "\"attempts\":true", "peers.attempts", BeaconRuleName.WrongType },
        { "\"timeout\":1", "\"timeout\":-1", "peers.failures", BeaconRuleName.OutOfRange },
        { "\"timeout\":1", $"\"{new string('k', 65)}\":1", "peers.failures", BeaconRuleName.BadLength },
        { "\"timeout\":1", string.Join(",", Enumerable.Range(0, 16).Select(i => $"\"r{i}\":1")), "peers.failures", BeaconRuleName.TooMany },
        { "\"timeout\":1", "\"timeout\":1,\"timeout\":2", "peers.failures", BeaconRuleName.DuplicateKey },
        { "\"down\":123", "\"down\":1.25", "transfers[0].down", BeaconRuleName.OutOfRange },
        { "\"up\":456", "\"up\":null", "transfers[0].up", BeaconRuleName.WrongType },
        { "{\"peerId\":\"-PM0203-BBBBBBBBBBBB\",", "{", "transfers[0].peerId", BeaconRuleName.Missing },
        { "[{\"peerId\":\"-PM0203-BBBBBBBBBBBB\"", "[1,{\"peerId\":\"-PM0203-BBBBBBBBBBBB\"", "transfers[0]", BeaconRuleName.WrongType },
        {
            "\"transfers\":[{\"peerId\":\"-PM0203-BBBBBBBBBBBB\",\"down\":123,\"up\":456}]",
            "\"transfers\":[" + string.Join(",", Enumerable.Range(0, 65).Select(i => $"{{\"peerId\":\"p{i}\"}}")) + "]",
            "transfers", BeaconRuleName.TooMany
        },
        { "\"startupMs\":812", "\"startupMs\":\"fast\"", "startupMs", BeaconRuleName.WrongType },
        { "\"count\":1", "\"count\":-1", "stalls.count", BeaconRuleName.OutOfRange },
        { "\"ms\":250", "\"ms\":[]", "stalls.ms", BeaconRuleName.WrongType },
        { "\"playingMs\":42000", "\"playingMs\":4.2e4", "playingMs", BeaconRuleName.OutOfRange },
        { "\"liveLatencyMs\":6100", "\"liveLatencyMs\":-6100", "liveLatencyMs", BeaconRuleName.OutOfRange },
        { "\"kind\":\"networkError\"", $"\"kind\":\"{new string('k', 65)}\"", "errors[0].kind", BeaconRuleName.BadLength },
        { "\"message\":\"<script>alert(1)</script>\"", $"\"message\":\"{new string('m', 513)}\"", "errors[0].message", BeaconRuleName.BadLength },
        {
            "\"errors\":[{\"kind\":\"networkError\",\"message\":\"<script>alert(1)</script>\"}]",
            "\"errors\":[" + string.Join(",", Enumerable.Range(0, 11).Select(_ => "{\"kind\":\"k\"}")) + "]",
            "errors", BeaconRuleName.TooMany
        },
        { "\"metered\":false", "\"metered\":\"no\"", "metered", BeaconRuleName.WrongType },
        { "\"metered\":false", "\"metered\":false,\"seq\":13", "seq", BeaconRuleName.DuplicateKey },
        { "\"metered\":false", "\"metered\":false,\"extra\":1,\"extra\":2", "extra", BeaconRuleName.DuplicateKey },
        { "\"http\":1000", "\"http\":1000,\"http\":1", "bytes.http", BeaconRuleName.DuplicateKey },
    };
}

/// <summary><see cref="HlsSwarm.Protocol.Beacons.BeaconRule"/> names, so theory data stays serialisable.</summary>
public enum BeaconRuleName
{
    Missing, WrongType, OutOfRange, BadLength, BadValue, TooMany, DuplicateKey, UnknownVersion,
}
