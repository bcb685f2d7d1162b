namespace HlsSwarm.WebRtc.Ice;

/// <summary>
/// ICE username fragment and password (<see href="https://www.rfc-editor.org/rfc/rfc8839#section-5.4">RFC 8839
/// §5.4</see>: <c>a=ice-ufrag</c> 4..256 ice-chars, <c>a=ice-pwd</c> 22..256 ice-chars).
/// </summary>
/// <param name="Ufrag">The username fragment.</param>
/// <param name="Password">The password; its UTF-8 bytes key MESSAGE-INTEGRITY (short-term credentials).</param>
public sealed record IceCredentials(string Ufrag, string Password)
{
    private const string IceChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>Whether both values have the lengths and characters RFC 8839 §5.4 allows (check remote SDP with it).</summary>
    public bool IsValid => Ufrag.Length is >= 4 and <= 256 && Password.Length is >= 22 and <= 256
        && Ufrag.All(IceChars.Contains) && Password.All(IceChars.Contains);

    /// <summary>Random credentials: an 8-character ufrag and a 24-character password (≥ 128 bits of entropy).</summary>
    public static IceCredentials Create(Random random)
    {
        return new IceCredentials(Pick(random, 8), Pick(random, 24));
    }

    private static string Pick(Random random, int length) => string.Create(length, random, static (span, r) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = IceChars[r.Next(IceChars.Length)];
        }
    });
}
