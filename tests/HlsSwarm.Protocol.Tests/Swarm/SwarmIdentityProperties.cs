using FsCheck;
using FsCheck.Xunit;
using HlsSwarm.Protocol.Swarm;
using Xunit;

namespace HlsSwarm.Protocol.Tests.Swarm;

public class SwarmIdentityProperties
{
    private static bool IsBase64Char(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/';

    [Property(MaxTest = 500)]
    public bool Info_hash_is_20_Base64_characters(string? streamSwarmId, bool legacy)
    {
        var hash = SwarmIdentity.InfoHash(streamSwarmId ?? string.Empty, legacy ? SwarmIdRule.Legacy22 : SwarmIdRule.P2pml23);
        return hash.Length == 20 && hash.All(IsBase64Char);
    }

    [Property(MaxTest = 500)]
    public bool Stream_index_is_28_characters_ending_in_padding(string? canonical)
    {
        var index = SwarmIdentity.StreamIndex(canonical ?? string.Empty);
        return index.Length == 28 && index[27] == '=' && index[..27].All(IsBase64Char);
    }

    [Property(MaxTest = 1000)]
    public bool Variant_canonical_string_never_throws_and_has_nine_fields(
        string? bandwidth, string? average, string? codecs, string? resolution, string? frameRate, string? videoRange)
    {
        var canonical = StreamCanonicalString.ForVariant(new VariantAttributes(bandwidth, average, codecs, resolution, frameRate, videoRange));
        return canonical.Length >= 9 && SwarmIdentity.StreamIndex(canonical).Length == 28;
    }

    [Property(MaxTest = 1000)]
    public bool Variant_canonical_string_on_number_like_input_never_throws(byte seed)
    {
        // Random strings rarely look like numbers; build attribute values from number-ish pieces.
        var random = new Random(seed);
        string[] pieces = ["0", "1", "9", "00", ".", "e", "E", "+", "-", "x", "X", "0x", "0b", "0o", "Infinity", " ", "\u00A0", "99999999999999999999", "e308", "e-400", "a", "/", ",", "avc1.", "avc1.66.30", "mp4a.40.2"];
        string Make() => string.Concat(Enumerable.Range(0, random.Next(8)).Select(_ => pieces[random.Next(pieces.Length)]));
        var variant = new VariantAttributes(Make(), Make(), Make(), Make() + "x" + Make(), Make(), Make());
        var canonical = StreamCanonicalString.ForVariant(variant);
        return canonical.Count(c => c == '-') >= 8;
    }

    [Property(MaxTest = 1000)]
    public bool Audio_canonical_string_never_throws(string? language, string? name, string? channels, string? groupId, string? codecs)
    {
        var canonical = StreamCanonicalString.ForAudioRendition(new AudioRenditionAttributes(language, name, channels, groupId, codecs));
        return canonical.StartsWith("0-", StringComparison.Ordinal);
    }

    [Property(MaxTest = 2000)]
    public bool Number_to_string_round_trips_through_Number(double x)
    {
        var s = JsNumber.ToJsString(x);
        var back = JsNumber.ParseNumber(s);
        return double.IsNaN(x) ? double.IsNaN(back) : back == x || (x == 0 && back == 0);
    }

    [Property(MaxTest = 2000)]
    public bool Number_to_string_matches_the_JS_layout(double x)
    {
        if (double.IsNaN(x) || double.IsInfinity(x) || x == 0)
        {
            return true;
        }

        var s = JsNumber.ToJsString(Math.Abs(x));
        var abs = Math.Abs(x);
        bool exponentForm = s.Contains('e', StringComparison.Ordinal);
        return exponentForm == (abs >= 1e21 || abs < 1e-6) && !s.Contains('E', StringComparison.Ordinal);
    }

    [Property(MaxTest = 500)]
    public bool Peer_ids_are_always_valid(int seed) => PeerId.IsValid(PeerId.Create(new Random(seed)));

    [Property(MaxTest = 500)]
    public bool Number_and_parseInt_never_throw(string? s)
    {
        _ = JsNumber.ParseNumber(s);
        _ = JsNumber.ParseInt(s);
        _ = JsNumber.HlsDecimalInteger(s);
        return true;
    }
}
