namespace HlsSwarm.Protocol.Peer;

/// <summary>Dispatch on a received command body (spec §4.4).</summary>
public static class PeerCommand
{
    /// <summary>
    /// Reads the command code of <paramref name="body"/> so the caller can pick the command's <c>TryRead</c>.
    /// Never throws.
    /// </summary>
    public static PeerDecodeError TryReadType(ReadOnlySpan<byte> body, out PeerCommandType type) =>
        CommandFields.TryReadType(body, out type);
}
