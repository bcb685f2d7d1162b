using System.Globalization;
using System.IO.Hashing;
using System.Net;
using System.Text;

namespace HlsSwarm.WebRtc.Ice;

/// <summary>
/// One ICE candidate as written in SDP (<see href="https://www.rfc-editor.org/rfc/rfc8839#section-5.1">RFC 8839
/// §5.1</see>), with the extension attributes Chromium and Firefox add.
/// </summary>
/// <remarks>
/// <code>
/// candidate:&lt;foundation&gt; &lt;component&gt; &lt;transport&gt; &lt;priority&gt; &lt;address&gt; &lt;port&gt; typ &lt;type&gt;
///           [raddr &lt;address&gt;] [rport &lt;port&gt;] *(&lt;extension-name&gt; &lt;extension-value&gt;)
/// Chromium: candidate:1467250027 1 udp 2122260223 3b0e… .local 54312 typ host generation 0 ufrag EsAw network-id 1 network-cost 10
/// Firefox:  candidate:0 1 UDP 2122252543 a1b2….local 55421 typ host
///           candidate:1 1 TCP 2105524479 a1b2….local 9 typ host tcptype active
/// </code>
/// <see cref="ToString"/> writes the fields in the order both browsers use (raddr, rport, tcptype, generation,
/// ufrag, network-id, network-cost, then other extensions as received), so browser lines round-trip exactly.
/// </remarks>
public sealed record IceCandidate
{
    /// <summary>Longest line <see cref="TryParse"/> accepts; real ones are under 200 characters.</summary>
    public const int MaxLineLength = 1024;

    /// <summary>Type preference of host candidates (RFC 8445 §5.1.2.2).</summary>
    public const int HostTypePreference = 126;

    /// <summary>Type preference of peer-reflexive candidates (RFC 8445 §5.1.2.2).</summary>
    public const int PeerReflexiveTypePreference = 110;

    /// <summary>Type preference of server-reflexive candidates (RFC 8445 §5.1.2.2).</summary>
    public const int ServerReflexiveTypePreference = 100;

    /// <summary>Type preference of relayed candidates (RFC 8445 §5.1.2.2).</summary>
    public const int RelayTypePreference = 0;

    /// <summary>Foundation: equal for candidates of the same type, base IP, server and transport (§5.1.1.3).</summary>
    public required string Foundation { get; init; }

    /// <summary>Component id; 1 (RTP/data) is the only one with BUNDLE and rtcp-mux.</summary>
    public int Component { get; init; } = 1;

    /// <summary>Transport as written (<c>udp</c> by Chromium, <c>UDP</c> by Firefox, or <c>tcp</c>/<c>TCP</c>).</summary>
    public string Transport { get; init; } = "udp";

    /// <summary>Priority (RFC 8445 §5.1.2).</summary>
    public uint Priority { get; init; }

    /// <summary>Connection address: an IP literal or a host name such as a browser's <c>uuid.local</c> mDNS name.</summary>
    public required string Address { get; init; }

    /// <summary>Port (9 for active TCP candidates, which do not listen).</summary>
    public int Port { get; init; }

    /// <summary>Candidate type.</summary>
    public IceCandidateType Type { get; init; }

    /// <summary><c>raddr</c>: the related address (base of a reflexive candidate), or null.</summary>
    public string? RelatedAddress { get; init; }

    /// <summary><c>rport</c>: the related port, or null.</summary>
    public int? RelatedPort { get; init; }

    /// <summary><c>tcptype</c> (RFC 6544): active, passive or so; null for UDP.</summary>
    public string? TcpType { get; init; }

    /// <summary><c>generation</c> (Chromium), or null.</summary>
    public int? Generation { get; init; }

    /// <summary><c>ufrag</c> (Chromium): the ICE username fragment of the candidate's session, or null.</summary>
    public string? Ufrag { get; init; }

    /// <summary><c>network-id</c> (Chromium), or null.</summary>
    public int? NetworkId { get; init; }

    /// <summary><c>network-cost</c> (Chromium), or null.</summary>
    public int? NetworkCost { get; init; }

    /// <summary>Other extension attributes, in received order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Extensions { get; init; } = [];

    /// <summary>Whether the transport is UDP (the only transport the agent checks).</summary>
    public bool IsUdp => Transport.Equals("udp", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <see cref="Address"/> is an mDNS name (<c>*.local</c>, RFC 6762) that needs resolving.</summary>
    public bool IsMdns => Address.EndsWith(".local", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Priority formula of RFC 8445 §5.1.2.1:
    /// <c>2^24 · type preference + 2^8 · local preference + (256 − component)</c>.
    /// </summary>
    /// <param name="type">Candidate type, which gives the type preference.</param>
    /// <param name="localPreference">0..65535; higher for preferred interfaces (65535 with one interface).</param>
    /// <param name="component">Component id 1..256.</param>
    public static uint ComputePriority(IceCandidateType type, int localPreference, int component = 1)
    {
        var typePreference = type switch
        {
            IceCandidateType.Host => HostTypePreference,
            IceCandidateType.PeerReflexive => PeerReflexiveTypePreference,
            IceCandidateType.ServerReflexive => ServerReflexiveTypePreference,
            _ => RelayTypePreference,
        };
        return (uint)((typePreference << 24) + ((localPreference & 0xFFFF) << 8) + (256 - Math.Clamp(component, 1, 256)));
    }

    /// <summary>
    /// A foundation that is equal exactly when type, base IP, STUN/TURN server and transport are (RFC 8445
    /// §5.1.1.3): a CRC-32 of those, in decimal, as Chromium writes them.
    /// </summary>
    public static string ComputeFoundation(IceCandidateType type, IPAddress baseAddress, IPEndPoint? server, string transport)
    {
        var key = $"{type}|{baseAddress}|{server}|{transport.ToLowerInvariant()}";
        return Crc32.HashToUInt32(Encoding.UTF8.GetBytes(key)).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The address as an endpoint when it is an IP literal; false for mDNS and other names.</summary>
    public bool TryGetEndPoint(out IPEndPoint? endPoint)
    {
        endPoint = null;
        if (!IPAddress.TryParse(Address, out var ip) || Address.Contains('%', StringComparison.Ordinal))
        {
            return false;
        }

        endPoint = new IPEndPoint(ip, Port);
        return true;
    }

    /// <summary>
    /// Parses <c>a=candidate:…</c>, <c>candidate:…</c> (as in <c>RTCIceCandidate.candidate</c>). Never throws.
    /// </summary>
    public static IceCandidateError TryParse(string? line, out IceCandidate? candidate)
    {
        candidate = null;
        if (line is null)
        {
            return IceCandidateError.NotACandidate;
        }

        var text = line.AsSpan().TrimEnd("\r\n");
        if (text.Length > MaxLineLength)
        {
            return IceCandidateError.TooLong;
        }

        if (text.StartsWith("a="))
        {
            text = text[2..];
        }

        if (!text.StartsWith("candidate:"))
        {
            return IceCandidateError.NotACandidate;
        }

        text = text["candidate:".Length..];
        Span<Range> ranges = stackalloc Range[64];
        var count = text.Split(ranges, ' ', StringSplitOptions.RemoveEmptyEntries);
        if (count < 8)
        {
            return IceCandidateError.MissingField;
        }

        if (count == ranges.Length || (count & 1) != 0)
        {
            return IceCandidateError.BadExtension;
        }

        var foundation = text[ranges[0]];
        if (foundation.Length is 0 or > 32 || !IsIceChars(foundation))
        {
            return IceCandidateError.BadFoundation;
        }

        if (!TryParseInt(text[ranges[1]], 1, 256, out var component))
        {
            return IceCandidateError.BadComponent;
        }

        var transport = text[ranges[2]];
        if (!IsToken(transport))
        {
            return IceCandidateError.BadTransport;
        }

        if (!uint.TryParse(text[ranges[3]], NumberStyles.None, CultureInfo.InvariantCulture, out var priority) || text[ranges[3]].Length > 10)
        {
            return IceCandidateError.BadPriority;
        }

        var address = text[ranges[4]];
        if (!IsAddress(address))
        {
            return IceCandidateError.BadAddress;
        }

        if (!TryParseInt(text[ranges[5]], 0, 65535, out var port))
        {
            return IceCandidateError.BadPort;
        }

        if (!text[ranges[6]].SequenceEqual("typ"))
        {
            return IceCandidateError.MissingTyp;
        }

        IceCandidateType type;
        switch (text[ranges[7]])
        {
            case "host": type = IceCandidateType.Host; break;
            case "srflx": type = IceCandidateType.ServerReflexive; break;
            case "prflx": type = IceCandidateType.PeerReflexive; break;
            case "relay": type = IceCandidateType.Relay; break;
            default: return IceCandidateError.UnknownType;
        }

        string? relatedAddress = null, tcpType = null, ufrag = null;
        int? relatedPort = null, generation = null, networkId = null, networkCost = null;
        var extensions = new List<KeyValuePair<string, string>>();
        for (var i = 8; i < count; i += 2)
        {
            var name = text[ranges[i]];
            var value = text[ranges[i + 1]];
            if (!IsToken(name) || !IsVisible(value))
            {
                return IceCandidateError.BadExtension;
            }

            // Only the first occurrence of a known extension is taken; repeats are kept as unknown ones.
            switch (name)
            {
                case "raddr" when relatedAddress is null:
                    if (!IsAddress(value))
                    {
                        return IceCandidateError.BadAddress;
                    }

                    relatedAddress = value.ToString();
                    break;
                case "rport" when relatedPort is null:
                    if (!TryParseInt(value, 0, 65535, out var rport))
                    {
                        return IceCandidateError.BadPort;
                    }

                    relatedPort = rport;
                    break;
                case "tcptype" when tcpType is null:
                    tcpType = value.ToString();
                    break;
                case "generation" when generation is null:
                    if (!TryParseInt(value, 0, int.MaxValue, out var g))
                    {
                        return IceCandidateError.BadExtension;
                    }

                    generation = g;
                    break;
                case "ufrag" when ufrag is null:
                    ufrag = value.ToString();
                    break;
                case "network-id" when networkId is null:
                    if (!TryParseInt(value, 0, int.MaxValue, out var id))
                    {
                        return IceCandidateError.BadExtension;
                    }

                    networkId = id;
                    break;
                case "network-cost" when networkCost is null:
                    if (!TryParseInt(value, 0, int.MaxValue, out var cost))
                    {
                        return IceCandidateError.BadExtension;
                    }

                    networkCost = cost;
                    break;
                default:
                    extensions.Add(new(name.ToString(), value.ToString()));
                    break;
            }
        }

        candidate = new IceCandidate
        {
            Foundation = foundation.ToString(),
            Component = component,
            Transport = transport.ToString(),
            Priority = priority,
            Address = address.ToString(),
            Port = port,
            Type = type,
            RelatedAddress = relatedAddress,
            RelatedPort = relatedPort,
            TcpType = tcpType,
            Generation = generation,
            Ufrag = ufrag,
            NetworkId = networkId,
            NetworkCost = networkCost,
            Extensions = extensions,
        };
        return IceCandidateError.None;
    }

    /// <summary>Field-by-field equality, extensions compared in order.</summary>
    public bool Equals(IceCandidate? other) =>
        other is not null && Foundation == other.Foundation && Component == other.Component && Transport == other.Transport
        && Priority == other.Priority && Address == other.Address && Port == other.Port && Type == other.Type
        && RelatedAddress == other.RelatedAddress && RelatedPort == other.RelatedPort && TcpType == other.TcpType
        && Generation == other.Generation && Ufrag == other.Ufrag && NetworkId == other.NetworkId && NetworkCost == other.NetworkCost
        && Extensions.SequenceEqual(other.Extensions);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Foundation, Priority, Address, Port, Type);

    /// <summary>The attribute value <c>candidate:…</c> (prefix it with <c>a=</c> for an SDP line).</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(160);
        builder.Append(CultureInfo.InvariantCulture, $"candidate:{Foundation} {Component} {Transport} {Priority} {Address} {Port} typ ");
        builder.Append(Type switch
        {
            IceCandidateType.Host => "host",
            IceCandidateType.ServerReflexive => "srflx",
            IceCandidateType.PeerReflexive => "prflx",
            _ => "relay",
        });
        if (RelatedAddress is not null)
        {
            builder.Append(" raddr ").Append(RelatedAddress);
        }

        if (RelatedPort is { } rport)
        {
            builder.Append(CultureInfo.InvariantCulture, $" rport {rport}");
        }

        if (TcpType is not null)
        {
            builder.Append(" tcptype ").Append(TcpType);
        }

        if (Generation is { } generation)
        {
            builder.Append(CultureInfo.InvariantCulture, $" generation {generation}");
        }

        if (Ufrag is not null)
        {
            builder.Append(" ufrag ").Append(Ufrag);
        }

        if (NetworkId is { } networkId)
        {
            builder.Append(CultureInfo.InvariantCulture, $" network-id {networkId}");
        }

        if (NetworkCost is { } networkCost)
        {
            builder.Append(CultureInfo.InvariantCulture, $" network-cost {networkCost}");
        }

        foreach (var (name, value) in Extensions)
        {
            builder.Append(' ').Append(name).Append(' ').Append(value);
        }

        return builder.ToString();
    }

    private static bool TryParseInt(ReadOnlySpan<char> text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    private static bool IsIceChars(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '/'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsToken(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            // RFC 8866 token-char: visible ASCII except the separators SDP forbids.
            if (c is <= ' ' or > '~' or '"' or '(' or ')' or ',' or '/' or ':' or ';' or '<' or '=' or '>' or '?' or '@' or '[' or '\\' or ']' or '{' or '}')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsVisible(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is <= ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An IP literal (IPv6 without zone) or a DNS name of letters, digits, '-' and '.', ≤ 253 characters.</summary>
    private static bool IsAddress(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text.Length > 253)
        {
            return false;
        }

        if (text.Contains(':'))
        {
            return !text.Contains('%') && IPAddress.TryParse(text, out _);
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '.'))
            {
                return false;
            }
        }

        return !text.StartsWith('.') && !text.Contains("..", StringComparison.Ordinal);
    }
}
