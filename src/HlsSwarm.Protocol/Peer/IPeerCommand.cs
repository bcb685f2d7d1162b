namespace HlsSwarm.Protocol.Peer;

/// <summary>
/// A peer command body (spec §4.4). Implemented by the six command structs so that generic helpers
/// (<see cref="PeerCommandExtensions"/>, command framing) encode them without boxing.
/// </summary>
public interface IPeerCommand
{
    /// <summary>The command code.</summary>
    PeerCommandType Type { get; }

    /// <summary>Number of body bytes <see cref="WriteTo"/> writes (code byte plus fields, no frame markers).</summary>
    int GetSerializedLength();

    /// <summary>Writes the body (code byte plus fields); returns the number of bytes written.</summary>
    int WriteTo(Span<byte> destination);
}
