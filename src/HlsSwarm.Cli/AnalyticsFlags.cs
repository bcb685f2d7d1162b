using System.CommandLine;
using System.Globalization;
using HlsSwarm.Server.Analytics;

namespace HlsSwarm.Cli;

/// <summary>
/// The viewer-analytics flags of <c>serve</c> (issue 5): <c>--analytics-db</c>, <c>--analytics-retention</c>,
/// <c>--no-analytics</c>, <c>--admin-token</c> (or the <c>HLSSWARM_ADMIN_TOKEN</c> environment variable),
/// <c>--beacon-rate</c> and <c>--beacon-burst</c>.
/// </summary>
public sealed class AnalyticsFlags
{
    /// <summary>The environment variable read when <c>--admin-token</c> is absent.</summary>
    public const string AdminTokenVariable = "HLSSWARM_ADMIN_TOKEN";

    private readonly Func<string, string?> _environment;

    /// <summary>Creates the flags; <paramref name="environment"/> reads environment variables (tests pass their own).</summary>
    public AnalyticsFlags(Func<string, string?>? environment = null) =>
        _environment = environment ?? Environment.GetEnvironmentVariable;

    /// <summary><c>--analytics-db</c>.</summary>
    public Option<string> Database { get; } = new("--analytics-db")
    {
        Description = "SQLite file of viewer beacons and the P2P policy (':memory:' keeps them in memory)",
        HelpName = "path",
        DefaultValueFactory = _ => AnalyticsOptions.DefaultDatabaseFile,
    };

    /// <summary><c>--analytics-retention</c>.</summary>
    public Option<double> Retention { get; } = new("--analytics-retention")
    {
        Description = "Hours of viewer beacons kept",
        HelpName = "hours",
        DefaultValueFactory = _ => 168,
    };

    /// <summary><c>--no-analytics</c>.</summary>
    public Option<bool> Disabled { get; } = new("--no-analytics")
    { Description = "No beacons, dashboard data, policy or admin API (/api/* answers 404)" };

    /// <summary><c>--admin-token</c>.</summary>
    public Option<string?> AdminToken { get; } = new("--admin-token")
    {
        Description = $"Bearer token of the dashboard and admin API (default: ${AdminTokenVariable}, else a random one printed at start)",
        HelpName = "token",
    };

    /// <summary><c>--beacon-rate</c>: beacons per second per client IP after the burst.</summary>
    public Option<double> BeaconRate { get; } = new("--beacon-rate")
    {
        Description = "Beacons per second one client IP may send after its burst",
        HelpName = "rate",
        DefaultValueFactory = _ => new AnalyticsOptions().BeaconsPerSecondPerIp,
    };

    /// <summary><c>--beacon-burst</c>: beacons one client IP may send at once.</summary>
    public Option<int> BeaconBurst { get; } = new("--beacon-burst")
    {
        Description = "Beacons one client IP may send at once",
        HelpName = "n",
        DefaultValueFactory = _ => new AnalyticsOptions().BeaconBurstPerIp,
    };

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Database);
        command.Options.Add(Retention);
        command.Options.Add(Disabled);
        command.Options.Add(AdminToken);
        command.Options.Add(BeaconRate);
        command.Options.Add(BeaconBurst);
    }

    /// <summary>The analytics options, null with <c>--no-analytics</c>; problems go to <paramref name="errors"/>.</summary>
    public AnalyticsOptions? Bind(ParseResult result, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(errors);
        if (result.GetValue(Disabled))
            return null;
        var hours = result.GetValue(Retention);
        if (!(hours is > 0 and <= 24 * 3650))
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"--analytics-retention must be between 0 and 87600 hours, not {hours}"));
        var token = result.GetValue(AdminToken) ?? _environment(AdminTokenVariable);
        if (string.IsNullOrEmpty(token))
            token = null;
        return new AnalyticsOptions
        {
            DatabasePath = result.GetValue(Database) ?? AnalyticsOptions.DefaultDatabaseFile,
            Retention = hours is > 0 and <= 24 * 3650 ? TimeSpan.FromHours(hours) : TimeSpan.FromHours(168),
            AdminToken = token,
            BeaconsPerSecondPerIp = result.GetValue(BeaconRate),
            BeaconBurstPerIp = result.GetValue(BeaconBurst),
        };
    }
}
