using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace HlsSwarm.Tracker.AspNetCore;

/// <summary>
/// Recognises a plain HTTP/1.1 WebSocket upgrade request (RFC 6455 §4.2.1) for <c>/</c> or <c>/announce</c> at the
/// start of a connection, so the connection-level path can take it without the HTTP pipeline. Anything else —
/// another path, another method, TLS bytes, HTTP/2, a malformed or incomplete request — is left to ASP.NET Core.
/// </summary>
internal static class WebSocketHandshake
{
    /// <summary>Largest request head examined; bigger ones are left to the HTTP pipeline.</summary>
    public const int MaxRequestHeadBytes = 8 * 1024;

    private static readonly byte[] Guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"u8.ToArray();

    public enum Verdict
    {
        /// <summary>Not (yet) a complete request head, but it could become one of ours.</summary>
        NeedMore,

        /// <summary>A tracker WebSocket upgrade.</summary>
        Upgrade,

        /// <summary>Anything else: give the connection to the HTTP pipeline untouched.</summary>
        Pass,
    }

    /// <summary>Inspects the bytes received so far.</summary>
    /// <param name="data">The connection's first bytes.</param>
    /// <param name="headLength">Length of the request head including the blank line, when <see cref="Verdict.Upgrade"/>.</param>
    /// <param name="key">The <c>Sec-WebSocket-Key</c> value.</param>
    /// <param name="origin">The <c>Origin</c> header, or empty.</param>
    public static Verdict Inspect(in ReadOnlySequence<byte> data, out int headLength, out string key, out string origin)
    {
        headLength = 0;
        key = string.Empty;
        origin = string.Empty;
        var length = (int)Math.Min(data.Length, MaxRequestHeadBytes);
        byte[]? rented = null;
        ReadOnlySpan<byte> span;
        if (data.IsSingleSegment)
        {
            span = data.FirstSpan[..length];
        }
        else
        {
            rented = ArrayPool<byte>.Shared.Rent(length);
            data.Slice(0, length).CopyTo(rented);
            span = rented.AsSpan(0, length);
        }

        try
        {
            return InspectSpan(span, data.Length > MaxRequestHeadBytes, out headLength, out key, out origin);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The <c>Sec-WebSocket-Accept</c> value for a key (RFC 6455 §4.2.2).</summary>
    public static string Accept(string key)
    {
        Span<byte> input = stackalloc byte[128];
        var n = Encoding.ASCII.GetBytes(key.AsSpan(0, Math.Min(key.Length, 64)), input);
        Guid.CopyTo(input[n..]);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input[..(n + Guid.Length)], hash);
        return Convert.ToBase64String(hash);
    }

    /// <summary>The <c>101 Switching Protocols</c> response for a key.</summary>
    public static byte[] Response(string key) => Encoding.ASCII.GetBytes(
        "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: " + Accept(key) + "\r\n\r\n");

    private static Verdict InspectSpan(ReadOnlySpan<byte> s, bool truncated, out int headLength, out string key, out string origin)
    {
        headLength = 0;
        key = string.Empty;
        origin = string.Empty;
        var end = s.IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            return truncated || !CouldBeOurs(s) ? Verdict.Pass : Verdict.NeedMore;
        }

        headLength = end + 4;
        var head = s[..end];
        var lineEnd = head.IndexOf("\r\n"u8);
        var requestLine = lineEnd < 0 ? head : head[..lineEnd];
        if (!IsOurRequestLine(requestLine))
        {
            return Verdict.Pass;
        }

        bool upgrade = false, connectionUpgrade = false, version13 = false, host = false;
        var rest = lineEnd < 0 ? ReadOnlySpan<byte>.Empty : head[(lineEnd + 2)..];
        while (!rest.IsEmpty)
        {
            var next = rest.IndexOf("\r\n"u8);
            var line = next < 0 ? rest : rest[..next];
            rest = next < 0 ? ReadOnlySpan<byte>.Empty : rest[(next + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || line[0] is (byte)' ' or (byte)'\t')
            {
                return Verdict.Pass; // obsolete line folding or garbage: let Kestrel judge it
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(name, "upgrade"u8))
            {
                upgrade = HasToken(value, "websocket"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "connection"u8))
            {
                connectionUpgrade = HasToken(value, "upgrade"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "sec-websocket-version"u8))
            {
                version13 = value.SequenceEqual("13"u8);
            }
            else if (Ascii.EqualsIgnoreCase(name, "sec-websocket-key"u8))
            {
                if (value.Length is < 16 or > 64 || !Ascii.IsValid(value))
                {
                    return Verdict.Pass;
                }

                key = Encoding.ASCII.GetString(value);
            }
            else if (Ascii.EqualsIgnoreCase(name, "origin"u8))
            {
                origin = Encoding.Latin1.GetString(value);
            }
            else if (Ascii.EqualsIgnoreCase(name, "host"u8))
            {
                host = true;
            }
            else if (Ascii.EqualsIgnoreCase(name, "content-length"u8) || Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8))
            {
                return Verdict.Pass;
            }
        }

        return upgrade && connectionUpgrade && version13 && host && key.Length > 0 ? Verdict.Upgrade : Verdict.Pass;
    }

    private static bool IsOurRequestLine(ReadOnlySpan<byte> line)
    {
        if (!line.StartsWith("GET /"u8) || !line.EndsWith(" HTTP/1.1"u8))
        {
            return false;
        }

        var target = line[4..^9];
        var q = target.IndexOf((byte)'?');
        var path = q < 0 ? target : target[..q];
        return path.SequenceEqual("/"u8) || path.SequenceEqual("/announce"u8);
    }

    private static bool CouldBeOurs(ReadOnlySpan<byte> s)
    {
        ReadOnlySpan<byte> prefix = "GET /"u8;
        var n = Math.Min(s.Length, prefix.Length);
        return s[..n].SequenceEqual(prefix[..n]);
    }

    private static bool HasToken(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        foreach (var range in value.Split((byte)','))
        {
            if (Ascii.EqualsIgnoreCase(value[range].Trim(" \t"u8), token))
            {
                return true;
            }
        }

        return false;
    }
}
