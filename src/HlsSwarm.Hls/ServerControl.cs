namespace HlsSwarm.Hls;

/// <summary><c>#EXT-X-SERVER-CONTROL</c> (rfc8216bis §4.4.3.8): what the server supports for low-latency delivery.</summary>
public sealed record ServerControl
{
    /// <summary>All attributes in order, values raw.</summary>
    public AttributeList Attributes { get; init; } = AttributeList.Empty;

    /// <summary><c>CAN-SKIP-UNTIL</c> in seconds: delta updates are available (<c>_HLS_skip=YES</c>).</summary>
    public decimal? CanSkipUntil => Attributes.GetDecimal("CAN-SKIP-UNTIL");

    /// <summary><c>CAN-SKIP-DATERANGES=YES</c>.</summary>
    public bool CanSkipDateRanges => Attributes.GetYes("CAN-SKIP-DATERANGES");

    /// <summary><c>HOLD-BACK</c> in seconds.</summary>
    public decimal? HoldBack => Attributes.GetDecimal("HOLD-BACK");

    /// <summary><c>PART-HOLD-BACK</c> in seconds.</summary>
    public decimal? PartHoldBack => Attributes.GetDecimal("PART-HOLD-BACK");

    /// <summary><c>CAN-BLOCK-RELOAD=YES</c>: blocking playlist reload is supported.</summary>
    public bool CanBlockReload => Attributes.GetYes("CAN-BLOCK-RELOAD");
}
