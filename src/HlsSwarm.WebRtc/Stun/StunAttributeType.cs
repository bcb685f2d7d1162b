namespace HlsSwarm.WebRtc.Stun;

/// <summary>
/// STUN attribute types this stack knows (<see href="https://www.rfc-editor.org/rfc/rfc8489#section-18.3">RFC 8489
/// §18.3</see>, <see href="https://www.rfc-editor.org/rfc/rfc8445#section-16.1">RFC 8445 §16.1</see>). Types below
/// 0x8000 are comprehension-required: a request carrying an unknown one is rejected with 420 (§14).
/// </summary>
public enum StunAttributeType : ushort
{
    /// <summary>MAPPED-ADDRESS (RFC 8489 §14.1), the address in the clear (legacy servers).</summary>
    MappedAddress = 0x0001,

    /// <summary>USERNAME (§14.3): <c>remoteUfrag:localUfrag</c> in ICE.</summary>
    Username = 0x0006,

    /// <summary>MESSAGE-INTEGRITY (§14.5): HMAC-SHA1, 20 bytes.</summary>
    MessageIntegrity = 0x0008,

    /// <summary>ERROR-CODE (§14.8).</summary>
    ErrorCode = 0x0009,

    /// <summary>UNKNOWN-ATTRIBUTES (§14.9): list of 16-bit types in a 420 response.</summary>
    UnknownAttributes = 0x000A,

    /// <summary>REALM (§14.9), long-term credentials.</summary>
    Realm = 0x0014,

    /// <summary>NONCE (§14.10), long-term credentials.</summary>
    Nonce = 0x0015,

    /// <summary>MESSAGE-INTEGRITY-SHA256 (§14.6): HMAC-SHA256, truncated to 16..32 bytes.</summary>
    MessageIntegritySha256 = 0x001C,

    /// <summary>PASSWORD-ALGORITHM (§14.12).</summary>
    PasswordAlgorithm = 0x001D,

    /// <summary>USERHASH (§14.4).</summary>
    UserHash = 0x001E,

    /// <summary>XOR-MAPPED-ADDRESS (§14.2): the reflexive transport address, XOR-ed with the cookie.</summary>
    XorMappedAddress = 0x0020,

    /// <summary>PRIORITY (RFC 8445 §7.1.1): priority a peer-reflexive candidate would get.</summary>
    Priority = 0x0024,

    /// <summary>USE-CANDIDATE (RFC 8445 §7.1.2): the controlling agent nominates this pair.</summary>
    UseCandidate = 0x0025,

    /// <summary>PASSWORD-ALGORITHMS (§14.11).</summary>
    PasswordAlgorithms = 0x8002,

    /// <summary>ALTERNATE-DOMAIN (§14.16).</summary>
    AlternateDomain = 0x8003,

    /// <summary>SOFTWARE (§14.14): a product description.</summary>
    Software = 0x8022,

    /// <summary>ALTERNATE-SERVER (§14.15).</summary>
    AlternateServer = 0x8023,

    /// <summary>FINGERPRINT (§14.7): CRC-32 of the message XOR 0x5354554e.</summary>
    Fingerprint = 0x8028,

    /// <summary>ICE-CONTROLLED (RFC 8445 §7.1.3): the sender is controlled; 64-bit tie-breaker.</summary>
    IceControlled = 0x8029,

    /// <summary>ICE-CONTROLLING (RFC 8445 §7.1.3): the sender is controlling; 64-bit tie-breaker.</summary>
    IceControlling = 0x802A,

    /// <summary>GOOG-NETWORK-INFO (Chromium, comprehension-optional): network id and cost; ignored.</summary>
    GoogNetworkInfo = 0xC057,
}
