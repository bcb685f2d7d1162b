using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace HlsSwarm.Bench;

/// <summary>
/// Throughput column: <paramref name="bytesPerOperation"/> ÷ mean time per operation in ns = bytes/ns = GB/s
/// (10^9 bytes per second).
/// </summary>
/// <param name="bytesPerOperation">Bytes one benchmark operation processes.</param>
public sealed class GigabytesPerSecondColumn(long bytesPerOperation) : IColumn
{
    /// <inheritdoc/>
    public string Id => nameof(GigabytesPerSecondColumn);

    /// <inheritdoc/>
    public string ColumnName => "GB/s";

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => 0;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => $"Throughput: {bytesPerOperation:N0} bytes per operation / mean ns per operation (10^9 bytes/s)";

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return mean is > 0 ? (bytesPerOperation / mean.Value).ToString("N2", System.Globalization.CultureInfo.InvariantCulture) : "-";
    }

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
