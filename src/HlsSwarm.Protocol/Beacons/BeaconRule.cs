namespace HlsSwarm.Protocol.Beacons;

/// <summary>Which rule a rejected beacon broke; <see cref="BeaconError.Field"/> says where.</summary>
public enum BeaconRule
{
    /// <summary>The beacon is valid.</summary>
    None,

    /// <summary>The body is larger than <see cref="BeaconLimits.MaxBytes"/>.</summary>
    TooLarge,

    /// <summary>The body is not valid UTF-8 (or starts with a byte-order mark, which JSON forbids: RFC 8259 §8.1).</summary>
    InvalidUtf8,

    /// <summary>The body is not one well-formed JSON value, or nests deeper than <see cref="BeaconLimits.MaxDepth"/>.</summary>
    InvalidJson,

    /// <summary>A required field is absent.</summary>
    Missing,

    /// <summary>A field has the wrong JSON type (e.g. a string where an integer belongs).</summary>
    WrongType,

    /// <summary>A number is not an integer, is negative, or is above its limit.</summary>
    OutOfRange,

    /// <summary>A string is longer (or shorter) than its limit.</summary>
    BadLength,

    /// <summary>A string has characters outside its alphabet (<c>sessionId</c>) or is not one of its allowed values.</summary>
    BadValue,

    /// <summary>An array or object has more entries than its limit.</summary>
    TooMany,

    /// <summary>The same key appears twice in one object (RFC 8259 §4 leaves the meaning open, so it is refused).</summary>
    DuplicateKey,

    /// <summary><c>v</c> is not <see cref="Beacon.CurrentVersion"/>.</summary>
    UnknownVersion,
}
