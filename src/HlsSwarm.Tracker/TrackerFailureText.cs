using HlsSwarm.Protocol.Tracker;

namespace HlsSwarm.Tracker;

/// <summary>The <c>failure reason</c> texts sent to clients, and the mapping from parse errors.</summary>
public static class TrackerFailureText
{
    /// <summary>Number of <see cref="TrackerFailure"/> values (array size for counters).</summary>
    public const int Count = (int)TrackerFailure.TooManyPeerIds + 1;

    private static readonly string[] Texts =
    [
        "invalid message: not UTF-8",
        "invalid message: not JSON",
        "invalid message: not a JSON object",
        "invalid message: missing action",
        "invalid action",
        "missing info_hash",
        "invalid info_hash",
        "missing peer_id",
        "invalid peer_id",
        "missing to_peer_id",
        "invalid to_peer_id",
        "missing offer_id",
        "invalid offer_id",
        "invalid event",
        "invalid offers",
        "too many offers",
        "invalid answer",
        "too many info_hash values in scrape",
        "rate limit exceeded: too many messages per second on this connection",
        "too many swarms on this connection",
        "too many peer ids on this connection",
    ];

    private static readonly string[] Keys = Enum.GetNames<TrackerFailure>();

    /// <summary>The text of the <c>failure reason</c> field.</summary>
    public static string Reason(TrackerFailure failure) => Texts[(int)failure];

    /// <summary>Stable name used as the key in <c>/stats</c> and the <c>reason</c> label in <c>/metrics</c>.</summary>
    public static string Key(TrackerFailure failure) => Keys[(int)failure];

    /// <summary>The failure that reports a parse error (<paramref name="error"/> must not be <see cref="TrackerParseError.None"/>).</summary>
    public static TrackerFailure FromParseError(TrackerParseError error) => error switch
    {
        TrackerParseError.InvalidUtf8 => TrackerFailure.InvalidUtf8,
        TrackerParseError.InvalidJson => TrackerFailure.InvalidJson,
        TrackerParseError.NotAnObject => TrackerFailure.NotAnObject,
        TrackerParseError.MissingAction => TrackerFailure.MissingAction,
        TrackerParseError.UnknownAction => TrackerFailure.UnknownAction,
        TrackerParseError.MissingInfoHash => TrackerFailure.MissingInfoHash,
        TrackerParseError.BadInfoHash => TrackerFailure.BadInfoHash,
        TrackerParseError.MissingPeerId => TrackerFailure.MissingPeerId,
        TrackerParseError.BadPeerId => TrackerFailure.BadPeerId,
        TrackerParseError.MissingToPeerId => TrackerFailure.MissingToPeerId,
        TrackerParseError.BadToPeerId => TrackerFailure.BadToPeerId,
        TrackerParseError.MissingOfferId => TrackerFailure.MissingOfferId,
        TrackerParseError.BadOfferId => TrackerFailure.BadOfferId,
        TrackerParseError.BadEvent => TrackerFailure.BadEvent,
        TrackerParseError.BadOffers => TrackerFailure.BadOffers,
        TrackerParseError.TooManyOffers => TrackerFailure.TooManyOffers,
        TrackerParseError.BadAnswer => TrackerFailure.BadAnswer,
        TrackerParseError.TooManyInfoHashes => TrackerFailure.TooManyInfoHashes,
        _ => TrackerFailure.InvalidJson,
    };
}
