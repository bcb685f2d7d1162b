using System.Buffers.Binary;
using HlsSwarm.Protocol.Tracker;

namespace HlsSwarm.Tracker.AspNetCore.Cluster;

/// <summary>
/// The pub/sub message from one node to another: relays for peers of the receiving node, their JSON untouched.
/// <code>
/// repeat { info_hash (20 bytes) · to_peer_id (20 bytes) · length (u32, big-endian) · relay JSON (length bytes) }
/// </code>
/// An item with length 0 is no relay: it says that the peer re-announced on the sending node, so the receiving node
/// drops its stale registration (relay JSON is never empty).
/// </summary>
internal static class RelayEnvelope
{
    private const int HeaderLength = WireId.Length + WireId.Length + 4;

    public static int GetItemLength(int messageLength) => HeaderLength + messageLength;

    /// <summary>Writes one item at the start of <paramref name="destination"/>; returns the bytes written.</summary>
    public static int WriteItem(Span<byte> destination, WireId infoHash, WireId toPeerId, ReadOnlySpan<byte> message)
    {
        infoHash.CopyTo(destination);
        toPeerId.CopyTo(destination[WireId.Length..]);
        BinaryPrimitives.WriteUInt32BigEndian(destination[(2 * WireId.Length)..], (uint)message.Length);
        message.CopyTo(destination[HeaderLength..]);
        return HeaderLength + message.Length;
    }

    /// <summary>Reads the items of an envelope; stops at the first truncated item (returns false then).</summary>
    public static bool TryRead(ReadOnlySpan<byte> envelope, List<(WireId InfoHash, WireId ToPeerId, byte[] Message)> items)
    {
        while (!envelope.IsEmpty)
        {
            if (envelope.Length < HeaderLength)
            {
                return false;
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(envelope[(2 * WireId.Length)..]);
            if (length > (uint)(envelope.Length - HeaderLength))
            {
                return false;
            }

            items.Add((WireId.FromBytes(envelope[..WireId.Length]), WireId.FromBytes(envelope.Slice(WireId.Length, WireId.Length)),
                envelope.Slice(HeaderLength, (int)length).ToArray()));
            envelope = envelope[(HeaderLength + (int)length)..];
        }

        return true;
    }
}
