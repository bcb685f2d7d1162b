using System.Globalization;
using System.Runtime.InteropServices;

namespace HlsSwarm.Cli.Bench;

/// <summary>The machine a benchmark ran on, read at its start (numbers from a loaded machine mean little).</summary>
/// <param name="Cores">Logical processors this process may use.</param>
/// <param name="LoadAverage">1, 5 and 15-minute load averages from <c>/proc/loadavg</c>; null elsewhere.</param>
/// <param name="Cpu">The CPU model from <c>/proc/cpuinfo</c>, when readable.</param>
/// <param name="Os">The operating system.</param>
/// <param name="Runtime">The .NET runtime.</param>
internal sealed record MachineInfo(int Cores, double[]? LoadAverage, string? Cpu, string Os, string Runtime)
{
    /// <summary>Reads the machine's figures now.</summary>
    public static MachineInfo Read() => new(
        Environment.ProcessorCount,
        ReadLoadAverage(),
        ReadCpuModel(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription);

    /// <summary>The load averages as one line, e.g. <c>0.52 0.40 0.31</c>.</summary>
    public string LoadAverageText => LoadAverage is null
        ? "n/a"
        : string.Join(' ', LoadAverage.Select(l => l.ToString("0.00", CultureInfo.InvariantCulture)));

    private static double[]? ReadLoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return [.. fields.Take(3).Select(f => double.Parse(f, CultureInfo.InvariantCulture))];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static string? ReadCpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo")
                .FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?
                .Split(':', 2)[1].Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
