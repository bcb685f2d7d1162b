namespace HlsSwarm.Protocol.Tracker;

/// <summary>Why a client → tracker message was rejected. Parsing never throws; it returns one of these.</summary>
public enum TrackerParseError
{
    /// <summary>The message is valid.</summary>
    None,

    /// <summary>The bytes are not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>The bytes are not one well-formed JSON value (or are empty, or nest too deep).</summary>
    InvalidJson,

    /// <summary>The JSON value is not an object (array, number, string, …).</summary>
    NotAnObject,

    /// <summary>No <c>action</c> field.</summary>
    MissingAction,

    /// <summary><c>action</c> is neither <c>"announce"</c> nor <c>"scrape"</c>.</summary>
    UnknownAction,

    /// <summary>No <c>info_hash</c> in an announce.</summary>
    MissingInfoHash,

    /// <summary><c>info_hash</c> is not a 20-character binary string (or an array of them for scrape).</summary>
    BadInfoHash,

    /// <summary>No <c>peer_id</c> in an announce.</summary>
    MissingPeerId,

    /// <summary><c>peer_id</c> is not a 20-character binary string.</summary>
    BadPeerId,

    /// <summary>An answer without <c>to_peer_id</c>.</summary>
    MissingToPeerId,

    /// <summary><c>to_peer_id</c> is not a 20-character binary string.</summary>
    BadToPeerId,

    /// <summary>An answer without <c>offer_id</c>.</summary>
    MissingOfferId,

    /// <summary>An <c>offer_id</c> (of the answer or of an offer) is not a 20-character binary string.</summary>
    BadOfferId,

    /// <summary><c>event</c> is not one of started, stopped, completed, update, paused.</summary>
    BadEvent,

    /// <summary><c>offers</c> is not an array of <c>{offer:{type:"offer",sdp},offer_id}</c> objects.</summary>
    BadOffers,

    /// <summary><c>offers</c> has more entries than the tracker accepts in one message.</summary>
    TooManyOffers,

    /// <summary><c>answer</c> is not an object <c>{type:"answer",sdp}</c>.</summary>
    BadAnswer,

    /// <summary>A scrape lists more info hashes than the tracker accepts in one message.</summary>
    TooManyInfoHashes,
}
