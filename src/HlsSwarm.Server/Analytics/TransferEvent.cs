namespace HlsSwarm.Server.Analytics;

/// <summary>Bytes one peer reported exchanging with another in one beacon (a delta), for the swarm graph.</summary>
internal readonly record struct TransferEvent(DateTimeOffset At, string From, string To, long Down, long Up);
