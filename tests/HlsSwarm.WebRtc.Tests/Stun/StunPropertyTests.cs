using System.Net;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HlsSwarm.WebRtc.Stun;

namespace HlsSwarm.WebRtc.Tests.Stun;

public class StunPropertyTests
{
    [Property(MaxTest = 2000)]
    public void Random_bytes_never_throw(byte[] bytes)
    {
        Probe(bytes);
    }

    [Property(MaxTest = 2000)]
    public void Random_attribute_soup_behind_a_valid_header_never_throws(byte[] body)
    {
        var length = body.Length & ~3;
        var bytes = new byte[20 + length];
        bytes[1] = 1;
        bytes[2] = (byte)(length >> 8);
        bytes[3] = (byte)length;
        bytes[4] = 0x21;
        bytes[5] = 0x12;
        bytes[6] = 0xA4;
        bytes[7] = 0x42;
        body.AsSpan(0, length).CopyTo(bytes.AsSpan(20));
        Probe(bytes);
    }

    [Property]
    public bool Every_truncation_of_a_valid_message_is_an_error(NonEmptyString username, uint priority, ulong tieBreaker, bool controlling)
    {
        var message = Build(username.Get, priority, tieBreaker, controlling, "pw"u8).ToArray();
        for (var cut = 0; cut < message.Length; cut++)
        {
            if (StunMessage.TryParse(message.AsSpan(0, cut), out _) == StunDecodeError.None)
            {
                return false;
            }
        }

        return true;
    }

    [Property]
    public bool Generated_messages_round_trip(NonEmptyString username, uint priority, ulong tieBreaker, bool controlling, byte[] password)
    {
        var bytes = Build(username.Get, priority, tieBreaker, controlling, password);
        if (StunMessage.TryParse(bytes, out var message) != StunDecodeError.None)
        {
            return false;
        }

        return message.GetUsernameString() == username.Get
            && message.Priority == priority
            && (controlling ? message.IceControlling : message.IceControlled) == tieBreaker
            && message.UseCandidate == controlling
            && message.VerifyMessageIntegrity(password)
            && message.VerifyFingerprint()
            && message.TryGetXorMappedAddress(out var address)
            && address!.Equals(new IPEndPoint(IPAddress.Parse("203.0.113.9"), (int)(priority & 0xFFFF)));
    }

    [Property]
    public bool Any_bit_flip_in_a_generated_message_is_detected(NonEmptyString username, uint priority, ulong tieBreaker, PositiveInt bitSeed)
    {
        var bytes = Build(username.Get, priority, tieBreaker, true, "secret"u8).ToArray();
        var bit = bitSeed.Get % (bytes.Length * 8);
        bytes[bit / 8] ^= (byte)(1 << (bit % 8));
        if (StunMessage.TryParse(bytes, out var message) != StunDecodeError.None)
        {
            return true;
        }

        var integrityCovered = bit / 8 < bytes.Length - 8 && bit / 8 is not (2 or 3);
        return !message.VerifyFingerprint() && (!integrityCovered || !message.VerifyMessageIntegrity("secret"u8));
    }

    private static byte[] Build(string username, uint priority, ulong tieBreaker, bool controlling, ReadOnlySpan<byte> password)
    {
        var buffer = new byte[2000];
        var writer = new StunWriter(buffer, StunClass.Request, StunMethod.Binding, BitConverter.GetBytes(tieBreaker).Concat(BitConverter.GetBytes(priority)).ToArray());
        writer.AddUsername(username.Length > 120 ? username[..120] : username);
        writer.AddPriority(priority);
        if (controlling)
        {
            writer.AddIceControlling(tieBreaker);
            writer.AddUseCandidate();
        }
        else
        {
            writer.AddIceControlled(tieBreaker);
        }

        writer.AddXorMappedAddress(new IPEndPoint(IPAddress.Parse("203.0.113.9"), (int)(priority & 0xFFFF)));
        writer.AddMessageIntegrity(password);
        writer.AddFingerprint();
        return writer.Written.ToArray();
    }

    private static void Probe(byte[] bytes)
    {
        if (StunMessage.TryParse(bytes, out var message) != StunDecodeError.None)
        {
            return;
        }

        _ = message.Priority;
        _ = message.IceControlled;
        _ = message.IceControlling;
        _ = message.ErrorCode;
        _ = message.ErrorReason.Length;
        _ = message.GetUsernameString();
        message.TryGetXorMappedAddress(out _);
        message.TryGetMappedAddress(out _);
        message.VerifyMessageIntegrity("k"u8);
        message.VerifyMessageIntegritySha256("k"u8);
        message.VerifyFingerprint();
        message.CopyUnknownComprehensionRequired(new ushort[4]);
        message.TryGetAttribute(StunAttributeType.Realm, out _);
    }
}
