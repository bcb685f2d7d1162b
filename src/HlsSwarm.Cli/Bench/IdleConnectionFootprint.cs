namespace HlsSwarm.Cli.Bench;

/// <summary>What one idle, connected data channel costs (averaged over K connections).</summary>
/// <param name="Connections">K, the connections held open (K/2 loopback pairs).</param>
/// <param name="ManagedBytes">Managed heap growth per connection after a full GC.</param>
/// <param name="WorkingSetBytes">Process working-set growth per connection (thread stacks touched, native buffers;
/// kernel socket buffers are not in it).</param>
/// <param name="Threads">Thread growth per connection.</param>
internal sealed record IdleConnectionFootprint(int Connections, double ManagedBytes, double WorkingSetBytes, double Threads);
