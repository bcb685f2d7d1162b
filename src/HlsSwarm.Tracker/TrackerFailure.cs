namespace HlsSwarm.Tracker;

/// <summary>Why the tracker answered a message with a failure reply (counted by reason in <c>/stats</c>).</summary>
public enum TrackerFailure
{
    /// <summary>Not valid UTF-8 (binary garbage).</summary>
    InvalidUtf8,

    /// <summary>Not well-formed JSON.</summary>
    InvalidJson,

    /// <summary>JSON that is not an object.</summary>
    NotAnObject,

    /// <summary>No <c>action</c>.</summary>
    MissingAction,

    /// <summary>An <c>action</c> other than announce or scrape.</summary>
    UnknownAction,

    /// <summary>Announce without <c>info_hash</c>.</summary>
    MissingInfoHash,

    /// <summary><c>info_hash</c> is not a 20-character binary string.</summary>
    BadInfoHash,

    /// <summary>Announce without <c>peer_id</c>.</summary>
    MissingPeerId,

    /// <summary><c>peer_id</c> is not a 20-character binary string.</summary>
    BadPeerId,

    /// <summary>Answer without <c>to_peer_id</c>.</summary>
    MissingToPeerId,

    /// <summary><c>to_peer_id</c> is not a 20-character binary string.</summary>
    BadToPeerId,

    /// <summary>Answer without <c>offer_id</c>.</summary>
    MissingOfferId,

    /// <summary>An <c>offer_id</c> is not a 20-character binary string.</summary>
    BadOfferId,

    /// <summary>Unknown <c>event</c>.</summary>
    BadEvent,

    /// <summary>Malformed <c>offers</c>.</summary>
    BadOffers,

    /// <summary>More offers in one message than <see cref="TrackerOptions.MaxOffersPerMessage"/>.</summary>
    TooManyOffers,

    /// <summary>Malformed <c>answer</c>.</summary>
    BadAnswer,

    /// <summary>More info hashes in one scrape than <see cref="TrackerOptions.MaxScrapeInfoHashes"/>.</summary>
    TooManyInfoHashes,

    /// <summary>The connection exceeded <see cref="TrackerOptions.AnnouncesPerSecond"/> after its burst.</summary>
    RateLimited,

    /// <summary>The connection would join more than <see cref="TrackerOptions.MaxSwarmsPerConnection"/> swarms.</summary>
    TooManySwarms,

    /// <summary>The connection would register more than <see cref="TrackerOptions.MaxPeerIdsPerConnection"/> peer ids.</summary>
    TooManyPeerIds,
}
