namespace HlsSwarm.Server.Analytics;

/// <summary>One 10 s step of a stream's series: viewers that reported in it and bytes reported in it.</summary>
internal sealed class SeriesBucket
{
    public int Viewers;
    public long Http;
    public long P2p;
    public long Uploaded;
}
