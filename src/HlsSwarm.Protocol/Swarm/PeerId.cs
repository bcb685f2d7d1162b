namespace HlsSwarm.Protocol.Swarm;

/// <summary>
/// Peer ids (spec §1.4): 20 printable ASCII characters, an 8-character <c>-XXmmnn-</c> client prefix followed by 12
/// random characters from <c>A–Z a–z 0–9</c>. The JS side keys peers by the UTF-8 decoding of the id's bytes, so
/// anything but printable ASCII could make two ids collide.
/// </summary>
public static class PeerId
{
    /// <summary>Length of a peer id in characters (and bytes).</summary>
    public const int Length = 20;

    /// <summary>Length of the client prefix.</summary>
    public const int PrefixLength = 8;

    /// <summary>Our client prefix: <c>-CS0100-</c> (C#, version 1.0).</summary>
    public const string DefaultPrefix = "-CS0100-";

    /// <summary>The prefix p2p-media-loader 2.3.x browsers use (<c>trackerClientVersionPrefix</c>).</summary>
    public const string P2pml23Prefix = "-PM0203-";

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>
    /// Creates a peer id: <paramref name="prefix"/> + 12 characters drawn from <paramref name="random"/>. Returns
    /// false (and null) when the prefix is not 8 printable ASCII characters.
    /// </summary>
    public static bool TryCreate(Random random, string prefix, out string? peerId)
    {
        if (prefix.Length != PrefixLength || !IsPrintableAscii(prefix))
        {
            peerId = null;
            return false;
        }

        peerId = string.Create(Length, (random, prefix), static (span, state) =>
        {
            state.prefix.AsSpan().CopyTo(span);
            for (int i = PrefixLength; i < Length; i++)
            {
                span[i] = Alphabet[state.random.Next(Alphabet.Length)];
            }
        });
        return true;
    }

    /// <summary>Creates a peer id with <see cref="DefaultPrefix"/>.</summary>
    public static string Create(Random random)
    {
        TryCreate(random, DefaultPrefix, out var id);
        return id!;
    }

    /// <summary>True when <paramref name="peerId"/> is 20 printable ASCII characters (what a peer id must be to interoperate).</summary>
    public static bool IsValid(string peerId) => peerId.Length == Length && IsPrintableAscii(peerId);

    private static bool IsPrintableAscii(string s)
    {
        foreach (var c in s)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
