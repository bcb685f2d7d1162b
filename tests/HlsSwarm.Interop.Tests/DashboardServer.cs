using HlsSwarm.Testing;

namespace HlsSwarm.Interop.Tests;

/// <summary>
/// <c>hlsswarm serve</c> with the dashboard on (<c>--admin-token</c>) and a private analytics database, in a network
/// namespace of its own. Disposing stops the server, then deletes the database files, then the namespace.
/// </summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    private readonly string _database;

    private DashboardServer(NetworkNamespace ns, string database, ServerProcess server)
    {
        Namespace = ns;
        _database = database;
        Server = server;
    }

    public NetworkNamespace Namespace { get; }

    public ServerProcess Server { get; }

    public static async Task<DashboardServer> StartAsync(string adminToken)
    {
        var ns = NetworkNamespace.Create();
        string database = Path.Combine(Path.GetTempPath(), $"hlsswarm-dashboard-test-{Guid.NewGuid():N}.db");
        try
        {
            ServerProcess server = await ServerProcess.StartAsync(ns, ["--admin-token", adminToken, "--analytics-db", database]);
            return new DashboardServer(ns, database, server);
        }
        catch
        {
            DeleteDatabase(database);
            ns.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Server.DisposeAsync();
        }
        finally
        {
            DeleteDatabase(_database);
            Namespace.Dispose();
        }
    }

    private static void DeleteDatabase(string database)
    {
        foreach (string f in new[] { database, database + "-wal", database + "-shm", database + "-journal" })
        {
            try
            {
                File.Delete(f);
            }
            catch (IOException)
            {
                // Still open by a server being killed: left in the temp directory.
            }
        }
    }
}
