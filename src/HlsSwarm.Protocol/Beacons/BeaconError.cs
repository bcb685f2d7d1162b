namespace HlsSwarm.Protocol.Beacons;

/// <summary>Why a beacon was rejected: the field (a JSON path such as <c>peers.failures</c> or <c>transfers[3].down</c>) and the rule.</summary>
/// <param name="Field">The JSON path of the offending field; empty for the whole body.</param>
/// <param name="Rule">The rule it broke.</param>
public readonly record struct BeaconError(string Field, BeaconRule Rule)
{
    /// <summary>No error.</summary>
    public static BeaconError None => new("", BeaconRule.None);

    /// <summary>The text of the <c>400</c> answer, <c>field: reason</c>.</summary>
    public string Message
    {
        get
        {
            var reason = Rule switch
            {
                BeaconRule.None => "ok",
                BeaconRule.TooLarge => "body too large",
                BeaconRule.InvalidUtf8 => "not valid UTF-8 (or starts with a byte-order mark)",
                BeaconRule.InvalidJson => "not well-formed JSON (or nested too deep)",
                BeaconRule.Missing => "required",
                BeaconRule.WrongType => "wrong type",
                BeaconRule.OutOfRange => "must be an integer in range",
                BeaconRule.BadLength => "bad length",
                BeaconRule.BadValue => "not an allowed value",
                BeaconRule.TooMany => "too many entries",
                BeaconRule.DuplicateKey => "duplicate key",
                BeaconRule.UnknownVersion => "unknown version",
                _ => Rule.ToString(),
            };
            return Field.Length == 0 ? reason : $"{Field}: {reason}";
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Message;
}
