using System.Net;
using System.Text;
using HlsSwarm.WebRtc.Ice;
using HlsSwarm.WebRtc.Stun;
using Xunit;

namespace HlsSwarm.WebRtc.Tests.Ice;

/// <summary>Our codec and agent against packets captured from real Chromium (see <see cref="ChromiumCapture"/>).</summary>
public class ChromiumCaptureTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes(ChromiumCapture.AnswerPassword);
    private static readonly IPEndPoint Chromium = new(IPAddress.Parse(ChromiumCapture.SourceAddress), ChromiumCapture.SourcePort);
    private static readonly IPEndPoint Ours = new(IPAddress.Parse("10.77.0.1"), 40000);

    [Theory]
    [InlineData(ChromiumCapture.Check1)]
    [InlineData(ChromiumCapture.Check2)]
    public void Chromium_check_decodes_and_verifies(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        Assert.Equal(StunDecodeError.None, StunMessage.TryParse(bytes, out var message));
        Assert.Equal(StunClass.Request, message.Class);
        Assert.Equal(StunMethod.Binding, message.Method);
        Assert.Equal("HsWm:BE90", message.GetUsernameString());
        Assert.Equal(ChromiumCapture.TieBreaker, message.IceControlling);
        Assert.True(message.UseCandidate);
        Assert.Equal(ChromiumCapture.Priority, message.Priority);
        Assert.False(message.HasUnknownComprehensionRequired);
        Assert.True(message.TryGetAttribute(StunAttributeType.GoogNetworkInfo, out var networkInfo));
        Assert.Equal("000003e7", Convert.ToHexStringLower(networkInfo)); // network id 0, cost 999
        Assert.True(message.VerifyMessageIntegrity(Key));
        Assert.False(message.VerifyMessageIntegrity(Encoding.UTF8.GetBytes(ChromiumCapture.OfferPassword)));
        Assert.True(message.VerifyFingerprint());
    }

    [Theory]
    [InlineData(ChromiumCapture.Check1)]
    [InlineData(ChromiumCapture.Check2)]
    public void Our_writer_reproduces_the_chromium_check_byte_exact(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        var writer = new StunWriter(new byte[200], StunClass.Request, StunMethod.Binding, bytes.AsSpan(8, 12));
        writer.AddUsername("HsWm:BE90");
        writer.AddAttribute(StunAttributeType.GoogNetworkInfo, [0, 0, 0x03, 0xe7]);
        writer.AddIceControlling(ChromiumCapture.TieBreaker);
        writer.AddUseCandidate();
        writer.AddPriority(ChromiumCapture.Priority);
        writer.AddMessageIntegrity(Key);
        writer.AddFingerprint();
        Assert.Equal(hex, Convert.ToHexStringLower(writer.Written));
    }

    [Fact]
    public void Chromium_offer_candidate_round_trips_and_is_mdns()
    {
        Assert.Equal(IceCandidateError.None, IceCandidate.TryParse(ChromiumCapture.OfferCandidate, out var candidate));
        Assert.Equal(ChromiumCapture.OfferCandidate["a=".Length..], candidate!.ToString());
        Assert.True(candidate.IsMdns);
        Assert.Equal(999, candidate.NetworkCost);
        Assert.Null(candidate.Ufrag);
        // RFC 8445 §5.1.2.1 layout: Chromium uses type preference 126 with local preference 0x1E, and its
        // checks' PRIORITY is the same local preference with the peer-reflexive type preference 110.
        Assert.Equal(IceCandidate.ComputePriority(IceCandidateType.Host, 0x1E), candidate.Priority);
        Assert.Equal(ChromiumCapture.Priority, IceCandidate.ComputePriority(IceCandidateType.PeerReflexive, 0x1E));
    }

    [Fact]
    public void Agent_as_answerer_connects_to_the_captured_chromium_check_through_peer_reflexive()
    {
        var options = new IceAgentOptions
        {
            Role = IceRole.Controlled,
            LocalCredentials = new IceCredentials(ChromiumCapture.AnswerUfrag, ChromiumCapture.AnswerPassword),
            TimestampFrequency = 1000,
        };
        var agent = new IceAgent(options, new Random(1));
        agent.AddHostCandidate(Ours);
        agent.SetRemoteCredentials(new IceCredentials(ChromiumCapture.OfferUfrag, ChromiumCapture.OfferPassword));
        IceCandidate.TryParse(ChromiumCapture.OfferCandidate, out var mdns);
        Assert.True(agent.AddRemoteCandidate(mdns!));
        Assert.Empty(agent.Pairs);

        agent.HandleReceive(10, Convert.FromHexString(ChromiumCapture.Check1), Chromium, Ours);
        Assert.True(agent.TryPollTransmit(out var response));
        Assert.Equal(StunDecodeError.None, StunMessage.TryParse(response.Payload.Span, out var success));
        Assert.Equal(StunClass.SuccessResponse, success.Class);
        Assert.True(success.TryGetXorMappedAddress(out var mapped));
        Assert.Equal(Chromium, mapped);
        Assert.True(success.VerifyMessageIntegrity(Key));

        var prflx = Assert.Single(agent.RemoteCandidates);
        Assert.Equal(IceCandidateType.PeerReflexive, prflx.Type);
        Assert.Equal(ChromiumCapture.Priority, prflx.Priority);

        // Our triggered check is what Chromium would verify with its own password.
        agent.HandleTimeout(10);
        Assert.True(agent.TryPollTransmit(out var check));
        Assert.Equal(Chromium, check.Destination);
        StunMessage.TryParse(check.Payload.Span, out var request);
        Assert.Equal("BE90:HsWm", request.GetUsernameString());
        Assert.True(request.VerifyMessageIntegrity(Encoding.UTF8.GetBytes(ChromiumCapture.OfferPassword)));
        Assert.NotNull(request.IceControlled);

        var reply = new StunWriter(new byte[200], StunClass.SuccessResponse, StunMethod.Binding, request.TransactionId);
        reply.AddXorMappedAddress(Ours);
        reply.AddMessageIntegrity(Encoding.UTF8.GetBytes(ChromiumCapture.OfferPassword));
        reply.AddFingerprint();
        agent.HandleReceive(20, reply.Written, Chromium, Ours);
        Assert.Equal(IceConnectionState.Completed, agent.State);
        Assert.Equal(Chromium, agent.SelectedPair!.RemoteEndPoint);
        Assert.True(agent.SelectedPair.Nominated);
    }
}
