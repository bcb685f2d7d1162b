using FsCheck.Xunit;
using HlsSwarm.Netem;
using HlsSwarm.WebRtc.Sctp;
using Xunit;

namespace HlsSwarm.WebRtc.Tests.Sctp;

/// <summary>Mutated packets with valid checksums must never throw inside an association, and it keeps working.</summary>
public class SctpHostileInputTests
{
    private static string CaptureEnd = "";
    private static readonly List<byte[]> Captured = Capture();

    private static List<byte[]> Capture()
    {
        // Record every packet of a short exchange (handshake, data, SACKs, reset, heartbeats, shutdown).
        var packets = new List<byte[]>();
        var pair = new SctpPair(77, new NetemConfig { Latency = TimeSpan.FromMilliseconds(5), Loss = NetemLoss.Uniform(0.05) });
        pair.FilterAtoB = p =>
        {
            packets.Add(p.ToArray());
            return true;
        };
        pair.Connect();
        pair.RunUntil(() => pair.A.State == SctpAssociationState.Established, TimeSpan.FromSeconds(5));
        for (var i = 0; i < 20; i++)
        {
            pair.A.Send((ushort)(i % 3), 53, new byte[(i * 997) % 5000 + 1], i % 2 == 0, i % 5 == 0 ? new SctpReliability(0) : default);
            pair.B.Send(1, 51, new byte[100], true, default);
        }

        pair.A.ResetStreams(1);
        pair.RunFor(TimeSpan.FromSeconds(70));
        pair.A.Shutdown();
        pair.RunFor(TimeSpan.FromSeconds(5));
        CaptureEnd = $"A {pair.A.State} buffered {pair.A.BufferedAmount} B {pair.B.State} {pair.B.BufferedAmount}";
        return packets;
    }

    [Fact]
    public void The_capture_covers_many_chunk_types()
    {
        var types = new HashSet<byte>();
        foreach (var p in Captured)
        {
            var chunks = p.AsSpan(SctpCommonHeader.Length);
            while (SctpChunk.TryRead(chunks, out var c, out var n) == SctpDecodeError.None)
            {
                types.Add(c.Type);
                chunks = chunks[n..];
            }
        }

        Assert.True(new HashSet<byte> { 0, 1, 3, 4, 7, 10, 130, 192 }.IsSubsetOf(types), string.Join(",", types.Order()) + " " + CaptureEnd);
        Assert.True(Captured.Count > 30, string.Join(",", types));
    }

    [Property(MaxTest = 400)]
    public void Mutated_packets_never_throw(int seed, int count)
    {
        var random = new Random(seed);
        var pair = new SctpPair(seed, NetemConfig.Perfect);
        pair.Connect();
        pair.RunUntil(() => pair.B.State == SctpAssociationState.Established, TimeSpan.FromSeconds(5));
        var peer = pair.B;
        for (var i = 0; i < 1 + ((uint)count % 20); i++)
        {
            var packet = Captured[random.Next(Captured.Count)].ToArray();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                packet[random.Next(SctpCommonHeader.Length, packet.Length)] = (byte)random.Next(256);
            }

            if (random.Next(4) == 0)
            {
                packet = packet[..random.Next(SctpCommonHeader.Length, packet.Length + 1)];
            }

            // Put the receiver's tag in, so the mutation reaches the chunk parsers, and fix the checksum.
            var tag = new byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(tag, TagOf(pair));
            tag.CopyTo(packet, 4);
            SctpChecksum.Write(packet);
            peer.HandleReceive(pair.Now, packet);
            peer.HandleTimeout(pair.Now + TimeSpan.TicksPerSecond);
            var buffer = new byte[2000];
            while (peer.TryPollTransmit(pair.Now, buffer, out _))
            {
            }

            while (peer.TryPollEvent(out _))
            {
            }
        }
    }

    private static uint TagOf(SctpPair pair)
    {
        // The tag B expects is the one A writes in its packets.
        var buffer = new byte[2000];
        pair.A.Send(0, 53, [1], true, default);
        Assert.True(pair.A.TryPollTransmit(pair.Now, buffer, out _));
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(4));
    }
}
