using Xunit;
using System.Security.Cryptography;
using HlsSwarm.WebRtc.Connection;
using HlsSwarm.WebRtc.Dtls;
using HlsSwarm.WebRtc.Sctp;
using HlsSwarm.WebRtc.Sdp;

namespace HlsSwarm.WebRtc.Tests.Connection;

public class PeerConnectionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public void Offer_and_answer_carry_candidates_roles_and_max_message_size()
    {
        using var pair = new PeerConnectionPair();
        var (offer, answer) = pair.Negotiate();

        Assert.Contains("a=setup:actpass", offer, StringComparison.Ordinal);
        Assert.Contains("a=setup:active", answer, StringComparison.Ordinal);
        Assert.Contains("a=max-message-size:262144", offer, StringComparison.Ordinal);
        Assert.Contains("a=max-message-size:262144", answer, StringComparison.Ordinal);
        Assert.Contains("192.0.2.1 40001 typ host", offer, StringComparison.Ordinal);
        Assert.Contains("192.0.2.2 40002 typ host", answer, StringComparison.Ordinal);
        Assert.Contains("a=end-of-candidates", offer, StringComparison.Ordinal);

        // RFC 8842 §5.3: the answerer answering active is the DTLS client, so its channel ids are even (RFC 8832 §6).
        Assert.Equal(DtlsRole.Server, pair.Offerer.DtlsRole);
        Assert.Equal(DtlsRole.Client, pair.Answerer.DtlsRole);
        Assert.Equal((ushort)1, pair.Offerer.CreateDataChannel("swarm"));
        Assert.Equal((ushort)0, pair.Answerer.CreateDataChannel("other"));
    }

    [Fact]
    public void Connects_opens_the_offerers_channel_and_carries_messages_both_ways()
    {
        using var pair = new PeerConnectionPair();
        pair.Negotiate();
        var id = pair.Offerer.CreateDataChannel("p2pml")!.Value;

        // The OPEN may ride with COOKIE ECHO, so the answerer can see the channel before the offerer's COOKIE ACK arrives.
        pair.RunUntil(() => pair.AnswererEvents.Any(e => e.Kind == PeerConnectionEventKind.ChannelOpen)
                            && pair.OffererEvents.Any(e => e.Kind == PeerConnectionEventKind.ChannelOpen), Timeout);
        Assert.Equal(PeerConnectionState.Connected, pair.Offerer.State);
        Assert.Equal(PeerConnectionState.Connected, pair.Answerer.State);
        var open = pair.AnswererEvents.Single(e => e.Kind == PeerConnectionEventKind.ChannelOpen);
        Assert.Equal(id, open.ChannelId);
        Assert.Equal("p2pml", open.Label);
        Assert.Contains(pair.OffererEvents, e => e.Kind == PeerConnectionEventKind.DtlsConnected);

        var big = RandomNumberGenerator.GetBytes(256 * 1024);
        var small = RandomNumberGenerator.GetBytes(64 * 1024);
        Assert.Equal(SctpSendResult.Queued, pair.Offerer.Send(id, big));
        Assert.Equal(SctpSendResult.Queued, pair.Answerer.Send(id, small));
        Assert.Equal(SctpSendResult.Queued, pair.Answerer.SendText(id, "hello"));
        pair.RunUntil(() => pair.AnswererEvents.Count(e => e.Kind == PeerConnectionEventKind.Message) == 1
                            && pair.OffererEvents.Count(e => e.Kind == PeerConnectionEventKind.Message) == 2, Timeout);
        Assert.Equal(big, pair.AnswererEvents.Single(e => e.Kind == PeerConnectionEventKind.Message).Data);
        var back = pair.OffererEvents.Where(e => e.Kind == PeerConnectionEventKind.Message).ToArray();
        Assert.Equal(small, back[0].Data);
        Assert.True(back[1].IsString);
        Assert.Equal("hello"u8.ToArray(), back[1].Data);

        pair.Offerer.CloseChannel(id);
        pair.RunUntil(() => pair.AnswererEvents.Any(e => e.Kind == PeerConnectionEventKind.ChannelClosed)
                            && pair.OffererEvents.Any(e => e.Kind == PeerConnectionEventKind.ChannelClosed), Timeout);
        Assert.Equal(SctpSendResult.NotOpen, pair.Offerer.Send(id, small));

        pair.Offerer.Close(pair.Now);
        Assert.Equal(PeerConnectionState.Closed, pair.Offerer.State);
        pair.RunUntil(() => pair.AnswererEvents.Any(e => e.Kind == PeerConnectionEventKind.Closed), Timeout);
        Assert.Equal(PeerConnectionState.Closed, pair.Answerer.State);
    }

    [Fact]
    public void A_certificate_that_does_not_match_the_sdp_fingerprint_fails_the_connection_with_the_reason()
    {
        using var pair = new PeerConnectionPair(9);
        using var impostor = new PeerConnectionPair(11);
        var offer = pair.Offerer.CreateOffer();
        Assert.Equal(PeerConnectionError.None, pair.Answerer.SetRemoteDescription(offer));
        var answer = pair.Answerer.CreateAnswer();

        // The answer announces someone else's certificate: the offerer (DTLS server) must refuse the client (RFC 8827 §6.5).
        var otherFingerprint = impostor.Offerer.CreateOffer().Split("\r\n").Single(l => l.StartsWith("a=fingerprint:", StringComparison.Ordinal));
        var ownFingerprint = answer.Split("\r\n").Single(l => l.StartsWith("a=fingerprint:", StringComparison.Ordinal));
        Assert.NotEqual(ownFingerprint, otherFingerprint);
        Assert.Equal(PeerConnectionError.None, pair.Offerer.SetRemoteDescription(answer.Replace(ownFingerprint, otherFingerprint, StringComparison.Ordinal)));
        pair.Offerer.CreateDataChannel("p2pml");

        // Wait for the event, not the state: the state changes inside HandleReceive, before the pump collects events.
        pair.RunUntil(() => pair.OffererEvents.Any(e => e.Kind == PeerConnectionEventKind.Failed), Timeout);
        Assert.Equal(PeerConnectionState.Failed, pair.Offerer.State);
        var failed = pair.OffererEvents.Single(e => e.Kind == PeerConnectionEventKind.Failed);
        Assert.Contains("FingerprintMismatch", failed.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(pair.OffererEvents, e => e.Kind is PeerConnectionEventKind.ChannelOpen or PeerConnectionEventKind.SctpConnected);
        Assert.Contains(pair.OffererEvents, e => e.Kind == PeerConnectionEventKind.ChannelClosed);
    }

    [Fact]
    public void A_SACK_decrypted_before_a_timer_runs_is_taken_before_it()
    {
        // The owner's thread may be descheduled while DTLS decrypts a SACK: when it runs HandleTimeout past the T3
        // deadline, the SACK must be processed first, not after a spurious T3-rtx (cwnd back to one MTU).
        using var pair = new PeerConnectionPair(21);
        pair.Negotiate();
        var id = pair.Offerer.CreateDataChannel("p2pml")!.Value;
        var offererSctp = pair.Offerer.DataChannels!.Association;
        var answererSctp = pair.Answerer.DataChannels!.Association;
        pair.RunUntil(() => pair.AnswererEvents.Any(e => e.Kind == PeerConnectionEventKind.ChannelOpen)
                            && offererSctp.BufferedAmount == 0 && answererSctp.BufferedAmount == 0, Timeout);

        Assert.Equal(SctpSendResult.Queued, pair.Offerer.Send(id, new byte[1000]));
        var buffer = new byte[2048];
        var now = pair.Now;
        while (pair.Offerer.TryPollTransmit(now, buffer, out var data))
        {
            pair.Answerer.HandleReceive(now, buffer.AsSpan(0, data.Length), PeerConnectionPair.OffererAddress, PeerConnectionPair.AnswererAddress);
        }

        // The answerer's SACK (at once: the chunk carries the I bit) into the offerer, without running the offerer's
        // timers meanwhile. After the handshake DTLS decrypts inline, so HandleReceive's own pump takes the SACK
        // before any timer can run (with a separate DTLS thread and timers first it failed in 1 of 2 runs here).
        var sacks = new List<byte[]>();
        Assert.True(SpinWait.SpinUntil(() =>
        {
            pair.Answerer.HandleTimeout(pair.Now);
            while (pair.Answerer.TryPollTransmit(pair.Now, buffer, out var t))
            {
                sacks.Add(buffer[..t.Length]);
            }

            return sacks.Count > 0;
        }, Timeout));
        foreach (var sack in sacks)
        {
            pair.Offerer.HandleReceive(pair.Now, sack, PeerConnectionPair.AnswererAddress, PeerConnectionPair.OffererAddress);
        }

        Assert.Equal(0, offererSctp.BufferedAmount);
        pair.Offerer.HandleTimeout(now + TimeSpan.FromSeconds(5).Ticks);
        Assert.Equal(0, offererSctp.Stats.T3Expiries);
        Assert.Equal(0, offererSctp.BufferedAmount);
    }

    [Fact]
    public async Task After_the_handshake_another_thread_decrypts_DTLS_with_TryHandleDtls()
    {
        using var pair = new PeerConnectionPair(22);
        byte[] dtlsLooking = [22, 254, 253, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        Assert.False(pair.Answerer.TryHandleDtls(dtlsLooking, PeerConnectionPair.OffererAddress, PeerConnectionPair.AnswererAddress));
        pair.Negotiate();
        var id = pair.Offerer.CreateDataChannel("p2pml")!.Value;
        pair.RunUntil(() => pair.AnswererEvents.Any(e => e.Kind == PeerConnectionEventKind.ChannelOpen)
                            && pair.Offerer.DataChannels!.Association.BufferedAmount == 0
                            && pair.Answerer.DataChannels!.Association.BufferedAmount == 0, Timeout);

        var payload = new byte[3000];
        new Random(5).NextBytes(payload);
        Assert.Equal(SctpSendResult.Queued, pair.Offerer.Send(id, payload));
        var buffer = new byte[2048];
        var datagrams = new List<byte[]>();
        while (pair.Offerer.TryPollTransmit(pair.Now, buffer, out var t))
        {
            datagrams.Add(buffer[..t.Length]);
        }

        Assert.True(datagrams.Count >= 3);

        // As a UDP receive thread would: not the thread that owns the connections.
        var taken = await Task.Run(() => datagrams.Count(d => pair.Answerer.TryHandleDtls(d, PeerConnectionPair.OffererAddress, PeerConnectionPair.AnswererAddress)));
        Assert.Equal(datagrams.Count, taken);
        Assert.False(pair.Answerer.TryHandleDtls([0, 1, 0, 0], PeerConnectionPair.OffererAddress, PeerConnectionPair.AnswererAddress));

        pair.RunUntil(() => pair.AnswererEvents.Any(e => e.Kind == PeerConnectionEventKind.Message), Timeout);
        Assert.Equal(payload, pair.AnswererEvents.Single(e => e.Kind == PeerConnectionEventKind.Message).Data);
    }

    [Fact]
    public void A_ClientHello_that_beats_the_answer_is_kept_instead_of_dropped()
    {
        using var pair = new PeerConnectionPair(13);
        var offer = pair.Offerer.CreateOffer();
        Assert.Equal(PeerConnectionError.None, pair.Answerer.SetRemoteDescription(offer));
        var answer = pair.Answerer.CreateAnswer();

        // Signalling is slow: the answerer's checks succeed and its DTLS client starts before the answer arrives.
        pair.RunUntil(() => pair.DtlsDeliveredToOfferer > 0, Timeout);
        Assert.Equal(0, pair.Offerer.DroppedDatagrams); // kept, not dropped
        Assert.Equal(PeerConnectionError.None, pair.Offerer.SetRemoteDescription(answer));
        pair.Offerer.CreateDataChannel("p2pml");
        pair.RunUntil(() => pair.AnswererEvents.Any(e => e.Kind == PeerConnectionEventKind.ChannelOpen), Timeout);

        Assert.Equal(0, pair.Offerer.DroppedDatagrams);
        Assert.Equal(PeerConnectionState.Connected, pair.Answerer.State);
    }

    [Fact]
    public void A_message_above_the_peers_max_message_size_is_refused()
    {
        using var pair = new PeerConnectionPair(3);
        var offer = pair.Offerer.CreateOffer().Replace("a=max-message-size:262144", "a=max-message-size:1000", StringComparison.Ordinal);
        Assert.Equal(PeerConnectionError.None, pair.Answerer.SetRemoteDescription(offer));
        var id = pair.Answerer.CreateDataChannel("x")!.Value;
        Assert.Equal(SctpSendResult.TooLarge, pair.Answerer.Send(id, new byte[1001]));
    }

    [Fact]
    public void Bad_descriptions_are_refused_with_an_error_value()
    {
        using var pair = new PeerConnectionPair(5);
        using var other = new PeerConnectionPair(7);
        var foreignOffer = other.Offerer.CreateOffer();

        // An offerer takes an answer only after its own offer.
        Assert.Equal(PeerConnectionError.WrongState, pair.Offerer.SetRemoteDescription(foreignOffer));
        Assert.Equal(PeerConnectionError.InvalidSdp, pair.Answerer.SetRemoteDescription("not sdp"));
        Assert.Throws<InvalidOperationException>(() => pair.Answerer.CreateAnswer());
        Assert.Throws<InvalidOperationException>(() => pair.Answerer.CreateDataChannel("early"));

        var offer = pair.Offerer.CreateOffer();
        Assert.Equal(PeerConnectionError.None, pair.Answerer.SetRemoteDescription(offer));
        Assert.Equal(PeerConnectionError.WrongState, pair.Answerer.SetRemoteDescription(offer));

        // An answer that still says actpass cannot give the offerer a role (RFC 8842 §5.3).
        var answer = pair.Answerer.CreateAnswer().Replace("a=setup:active", "a=setup:actpass", StringComparison.Ordinal);
        Assert.Equal(SdpParseError.None, SdpParser.TryParse(answer, out _));
        Assert.Equal(PeerConnectionError.IncompatibleDtlsSetup, pair.Offerer.SetRemoteDescription(answer));
        Assert.Equal(PeerConnectionState.New, pair.Offerer.State);
    }
}
