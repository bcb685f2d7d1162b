using System.Globalization;

namespace HlsSwarm.Tracker.LoadTest;

/// <summary>Reads a process's CPU time (utime+stime, all threads) and RSS from /proc.</summary>
internal static class ProcessProbe
{
    /// <summary>USER_HZ: the unit of utime/stime in /proc/PID/stat; 100 on every Linux we run on.</summary>
    private const double ClockTicksPerSecond = 100;

    /// <summary>CPU seconds used so far (user + system), or NaN when the process cannot be read.</summary>
    public static double CpuSeconds(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after "(comm)": state is field 3, utime field 14, stime field 15.
            string[] f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            long utime = long.Parse(f[11], CultureInfo.InvariantCulture);
            long stime = long.Parse(f[12], CultureInfo.InvariantCulture);
            return (utime + stime) / ClockTicksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return double.NaN;
        }
    }

    /// <summary>CPU seconds of several processes together (NaN if any cannot be read).</summary>
    public static double CpuSeconds(IReadOnlyList<int> pids) => pids.Count == 0 ? double.NaN : pids.Sum(CpuSeconds);

    /// <summary>RSS of several processes together, KiB (NaN if any cannot be read).</summary>
    public static double RssKiB(IReadOnlyList<int> pids) => pids.Count == 0 ? double.NaN : pids.Sum(RssKiB);

    /// <summary>Resident set size in KiB (VmRSS), or NaN when the process cannot be read.</summary>
    public static double RssKiB(int pid)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return double.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
        }
        return double.NaN;
    }

    /// <summary>Per-CPU jiffies from /proc/stat: (busy = everything but idle and iowait, softirq, total).</summary>
    public static (long Busy, long SoftIrq, long Total)[] CpuJiffies()
    {
        var result = new List<(long, long, long)>();
        try
        {
            foreach (string line in File.ReadLines("/proc/stat"))
            {
                if (!line.StartsWith("cpu", StringComparison.Ordinal) || line.StartsWith("cpu ", StringComparison.Ordinal)) continue;
                long[] v = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
                    .Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToArray();
                long total = v.Take(8).Sum(); // user nice system idle iowait irq softirq steal
                result.Add((total - v[3] - v[4], v[6], total));
            }
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
        }
        return [.. result];
    }
}
