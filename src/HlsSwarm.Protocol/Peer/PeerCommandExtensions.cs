using System.Buffers;

namespace HlsSwarm.Protocol.Peer;

/// <summary>Encoding helpers shared by every <see cref="IPeerCommand"/>.</summary>
public static class PeerCommandExtensions
{
    /// <summary>Writes the command body into <paramref name="writer"/> without allocating; returns its length.</summary>
    public static int WriteTo<T>(this T command, IBufferWriter<byte> writer)
        where T : struct, IPeerCommand
    {
        ArgumentNullException.ThrowIfNull(writer);
        var length = command.GetSerializedLength();
        var written = command.WriteTo(writer.GetSpan(length));
        writer.Advance(written);
        return written;
    }

    /// <summary>Encodes the command body into a new array (tests and cold paths).</summary>
    public static byte[] ToBody<T>(this T command)
        where T : struct, IPeerCommand
    {
        var body = new byte[command.GetSerializedLength()];
        command.WriteTo(body);
        return body;
    }
}
