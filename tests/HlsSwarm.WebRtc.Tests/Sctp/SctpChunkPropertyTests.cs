using FsCheck.Xunit;
using HlsSwarm.WebRtc.Sctp;
using Xunit;

namespace HlsSwarm.WebRtc.Tests.Sctp;

/// <summary>decode(encode(x)) == x for every chunk type (style.md convention 7), and the re-encoding is byte-identical.</summary>
public class SctpChunkPropertyTests
{
    private static SctpChunk Read(byte[] bytes, int written)
    {
        Assert.Equal(0, written % 4);
        Assert.Equal(SctpDecodeError.None, SctpChunk.TryRead(bytes.AsSpan(0, written), out var chunk, out var consumed));
        Assert.Equal(written, consumed);
        return chunk;
    }

    [Property(MaxTest = 300)]
    public void Data_round_trips(uint tsn, ushort stream, ushort ssn, uint ppid, byte[]? payload, bool u, bool b, bool e, bool i)
    {
        payload = payload is { Length: > 0 } ? payload : [1];
        var value = new DataChunk(tsn, stream, ssn, ppid, payload, u, b, e, i);
        var bytes = new byte[value.GetSerializedLength()];
        Assert.Equal(SctpDecodeError.None, DataChunk.TryRead(Read(bytes, value.WriteTo(bytes)), out var back));
        Assert.Equal((tsn, stream, ssn, ppid, u, b, e, i), (back.Tsn, back.StreamId, back.StreamSequence, back.Ppid, back.Unordered, back.Beginning, back.Ending, back.Immediate));
        Assert.Equal(payload, back.Payload.ToArray());
    }

    [Property(MaxTest = 300)]
    public void Sack_round_trips(uint cum, uint window, ushort[]? gapStarts, uint[]? dups)
    {
        var gaps = (gapStarts ?? []).Take(100).Select(s => new GapAckBlock(s, (ushort)(s + 1))).ToArray();
        var value = new SackChunk(cum, window, gaps, (dups ?? []).Take(100).ToArray());
        var bytes = new byte[value.GetSerializedLength()];
        Assert.Equal(SctpDecodeError.None, SackChunk.TryRead(Read(bytes, value.WriteTo(bytes)), out var back));
        Assert.Equal((cum, window), (back.CumulativeTsnAck, back.AdvertisedReceiverWindowCredit));
        Assert.Equal(value.GapAckBlocks, back.GapAckBlocks);
        Assert.Equal(value.DuplicateTsns, back.DuplicateTsns);
    }

    [Property(MaxTest = 300)]
    public void Init_and_init_ack_round_trip(uint tag, uint window, ushort outbound, ushort inbound, uint tsn, bool forward, byte[]? extensions, byte[]? cookie)
    {
        tag = tag == 0 ? 1 : tag;
        outbound = outbound == 0 ? (ushort)1 : outbound;
        inbound = inbound == 0 ? (ushort)1 : inbound;
        cookie = cookie is { Length: > 0 } ? cookie : [9];
        var fields = new SctpInitFields(tag, window, outbound, inbound, tsn, forward, extensions, null);
        var init = new InitChunk(fields);
        var bytes = new byte[init.GetSerializedLength()];
        var written = init.WriteTo(bytes);
        Assert.Equal(SctpDecodeError.None, InitChunk.TryRead(Read(bytes, written), out var back));
        Assert.Equal((tag, window, outbound, inbound, tsn, forward), (back.Fields.InitiateTag, back.Fields.AdvertisedReceiverWindowCredit, back.Fields.OutboundStreams, back.Fields.InboundStreams, back.Fields.InitialTsn, back.Fields.ForwardTsnSupported));
        Assert.Equal(extensions, back.Fields.SupportedExtensions);
        var again = new byte[bytes.Length];
        Assert.Equal(written, back.WriteTo(again));
        Assert.Equal(bytes, again);

        var ack = new InitAckChunk(fields with { StateCookie = cookie });
        bytes = new byte[ack.GetSerializedLength()];
        Assert.Equal(SctpDecodeError.None, InitAckChunk.TryRead(Read(bytes, ack.WriteTo(bytes)), out var ackBack));
        Assert.Equal(cookie, ackBack.Fields.StateCookie);
    }

    [Property(MaxTest = 300)]
    public void Forward_tsn_round_trips(uint cum, ushort[]? streams)
    {
        var value = new ForwardTsnChunk(cum, (streams ?? []).Take(200).Select(s => new ForwardTsnStream(s, (ushort)~s)).ToArray());
        var bytes = new byte[value.GetSerializedLength()];
        Assert.Equal(SctpDecodeError.None, ForwardTsnChunk.TryRead(Read(bytes, value.WriteTo(bytes)), out var back));
        Assert.Equal(cum, back.NewCumulativeTsn);
        Assert.Equal(value.Streams, back.Streams);
    }

    [Property(MaxTest = 300)]
    public void Reconfig_round_trips(uint req, uint resp, uint last, ushort[]? streams, bool withResponse, uint result, bool withTsns)
    {
        var request = new OutgoingSsnResetRequest(req, resp, last, (streams ?? []).Take(200).ToArray());
        ReConfigResponse? response = withResponse ? new ReConfigResponse(resp, (ReConfigResult)(result % 7), withTsns ? req : null, withTsns ? last : null) : null;
        var value = new ReConfigChunk(request, response);
        var bytes = new byte[value.GetSerializedLength()];
        Assert.Equal(SctpDecodeError.None, ReConfigChunk.TryRead(Read(bytes, value.WriteTo(bytes)), out var back));
        Assert.Equal((req, resp, last), (back.Request!.Value.RequestSequence, back.Request.Value.ResponseSequence, back.Request.Value.SenderLastTsn));
        Assert.Equal(request.Streams, back.Request.Value.Streams);
        Assert.Equal(response, back.Response);
    }

    [Property(MaxTest = 300)]
    public void Heartbeat_abort_error_and_cookie_echo_round_trip(byte[]? info, bool ack, bool reflected, ushort code)
    {
        info ??= [];
        var hb = new HeartbeatChunk(ack, info);
        var bytes = new byte[hb.GetSerializedLength()];
        Assert.Equal(SctpDecodeError.None, HeartbeatChunk.TryRead(Read(bytes, hb.WriteTo(bytes)), out var hbBack));
        Assert.Equal(ack, hbBack.IsAck);
        Assert.Equal(info, hbBack.Info.ToArray());

        var abort = new AbortChunk(reflected, [new SctpErrorCause((SctpErrorCauseCode)code, info), SctpErrorCause.UserInitiatedAbort("x")]);
        bytes = new byte[abort.GetSerializedLength()];
        Assert.Equal(SctpDecodeError.None, AbortChunk.TryRead(Read(bytes, abort.WriteTo(bytes)), out var abortBack));
        Assert.Equal(reflected, abortBack.TagReflected);
        Assert.Equal(abort.Causes.Select(c => (c.Code, Convert.ToHexString(c.Info.Span))), abortBack.Causes.Select(c => (c.Code, Convert.ToHexString(c.Info.Span))));

        var error = new ErrorChunk([new SctpErrorCause((SctpErrorCauseCode)code, info)]);
        bytes = new byte[error.GetSerializedLength()];
        Assert.Equal(SctpDecodeError.None, ErrorChunk.TryRead(Read(bytes, error.WriteTo(bytes)), out var errorBack));
        Assert.Equal(info, errorBack.Causes.Single().Info.ToArray());

        if (info.Length > 0)
        {
            var echo = new CookieEchoChunk(info);
            bytes = new byte[echo.GetSerializedLength()];
            Assert.Equal(SctpDecodeError.None, CookieEchoChunk.TryRead(Read(bytes, echo.WriteTo(bytes)), out var echoBack));
            Assert.Equal(info, echoBack.Cookie.ToArray());
        }
    }
}
