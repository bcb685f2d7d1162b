using Xunit;

namespace HlsSwarm.Engine.Tests.Streams;

/// <summary>The test classes that share one run of the Node oracle over the corpus.</summary>
[CollectionDefinition(Name)]
public sealed class OracleCollection : ICollectionFixture<HlsJsP2pmlOracle>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "hls.js + p2p-media-loader oracle";
}
