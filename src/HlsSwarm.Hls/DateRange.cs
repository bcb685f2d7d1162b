namespace HlsSwarm.Hls;

/// <summary>
/// <c>#EXT-X-DATERANGE</c> (RFC 8216 §4.3.2.7): a range of time with attributes (ad markers, SCTE-35, client
/// <c>X-</c> attributes), all kept in <see cref="Attributes"/>.
/// </summary>
public sealed record DateRange
{
    /// <summary>All attributes in order, values raw.</summary>
    public AttributeList Attributes { get; init; } = AttributeList.Empty;

    /// <summary>Index of the segment the tag precedes in <see cref="MediaPlaylist.Segments"/> (the count when it follows the last one).</summary>
    public int SegmentIndex { get; init; }

    /// <summary><c>ID</c> (required by the RFC).</summary>
    public string Id => Attributes["ID"] ?? "";

    /// <summary><c>CLASS</c>.</summary>
    public string? Class => Attributes["CLASS"];

    /// <summary><c>START-DATE</c>.</summary>
    public DateTimeOffset? StartDate => Attributes.GetDateTime("START-DATE");

    /// <summary><c>END-DATE</c>.</summary>
    public DateTimeOffset? EndDate => Attributes.GetDateTime("END-DATE");

    /// <summary><c>DURATION</c> in seconds.</summary>
    public decimal? Duration => Attributes.GetDecimal("DURATION");

    /// <summary><c>PLANNED-DURATION</c> in seconds.</summary>
    public decimal? PlannedDuration => Attributes.GetDecimal("PLANNED-DURATION");

    /// <summary><c>END-ON-NEXT=YES</c>.</summary>
    public bool EndOnNext => Attributes.GetYes("END-ON-NEXT");
}
