using System.Threading.Channels;
using HlsSwarm.Server.Policy;
using Microsoft.Data.Sqlite;

namespace HlsSwarm.Server.Analytics;

/// <summary>
/// The SQLite store of accepted beacons and of the policy document. Beacons are queued in memory
/// (<see cref="TryEnqueue"/>) and written in batches by one writer, one transaction per flush
/// (<see cref="FlushAsync"/>, driven by <see cref="AnalyticsService"/> every second or every
/// <see cref="AnalyticsOptions.FlushBatch"/> beacons), so thousands of viewers do not make a write each.
/// </summary>
/// <remarks>
/// Schema version 1 (<c>PRAGMA user_version</c>): <c>beacons(id, received_ms, session_id, seq, stream, body)</c> with
/// indexes on <c>(session_id, seq)</c> and <c>received_ms</c>; <c>policy(id = 1, version, document)</c>. A file
/// written by a newer schema is refused rather than misread. One connection serves everything, behind a gate: the
/// writer holds it for one transaction, readers for one query.
/// </remarks>
public sealed class BeaconStore : IDisposable
{
    /// <summary>The schema this code writes.</summary>
    public const int SchemaVersion = 1;

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Channel<StoredBeacon> _queue = Channel.CreateUnbounded<StoredBeacon>();
    private readonly SemaphoreSlim _batchFull = new(0);
    private readonly int _flushBatch;
    private readonly int _maxQueued;
    private int _queued;
    private long _transactions;
    private long _written;

    /// <summary>Opens (creating or upgrading) the database at <see cref="AnalyticsOptions.DatabasePath"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a database of this schema or an older one.</exception>
    public BeaconStore(AnalyticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _flushBatch = options.FlushBatch;
        _maxQueued = options.MaxQueuedBeacons;
        var memory = options.DatabasePath == ":memory:";
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = memory ? SqliteOpenMode.Memory : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            _connection.Open();
            if (!memory)
            {
                // WAL: readers of other processes (sqlite3 CLI) never block the writer; NORMAL sync is durable to a
                // process crash, which is what a viewer-stats store needs (https://sqlite.org/wal.html).
                Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
            }

            Migrate();
        }
        catch (SqliteException e)
        {
            _connection.Dispose();
            throw new InvalidDataException($"analytics database '{options.DatabasePath}': {e.Message}", e);
        }
    }

    /// <summary>Transactions that wrote beacons so far.</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Beacons written so far.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Beacons queued and not yet written.</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <summary>Queues <paramref name="beacon"/> for the next flush; false when the queue is full (the caller answers 503).</summary>
    public bool TryEnqueue(StoredBeacon beacon)
    {
        ArgumentNullException.ThrowIfNull(beacon);
        var queued = Interlocked.Increment(ref _queued);
        if (queued > _maxQueued)
        {
            Interlocked.Decrement(ref _queued);
            return false;
        }

        _queue.Writer.TryWrite(beacon);
        if (queued == _flushBatch)
            _batchFull.Release();
        return true;
    }

    /// <summary>
    /// Waits until a beacon is queued, then until <paramref name="interval"/> has passed on <paramref name="time"/> or
    /// a full batch is queued, whichever is first.
    /// </summary>
    public async Task WaitForBatchAsync(TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        await _queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
        if (Queued >= _flushBatch)
            return;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var full = _batchFull.WaitAsync(cts.Token);
        var delay = Task.Delay(interval, time, cts.Token);
        await Task.WhenAny(full, delay).ConfigureAwait(false);
        // Cancel the loser: a pending WaitAsync would otherwise swallow the next batch signal.
        await cts.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Writes every queued beacon, <see cref="AnalyticsOptions.FlushBatch"/> per transaction.</summary>
    /// <returns>Beacons written.</returns>
    public async Task<int> FlushAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var total = 0;
            var batch = new List<StoredBeacon>(Math.Min(_flushBatch, 1024));
            while (true)
            {
                batch.Clear();
                while (batch.Count < _flushBatch && _queue.Reader.TryRead(out var b))
                    batch.Add(b);
                if (batch.Count == 0)
                    return total;
                WriteBatch(batch);
                Interlocked.Add(ref _queued, -batch.Count);
                total += batch.Count;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Deletes beacons received before <paramref name="cutoff"/>.</summary>
    /// <returns>Beacons deleted.</returns>
    public async Task<int> PruneAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "DELETE FROM beacons WHERE received_ms < $cutoff";
            command.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
            return command.ExecuteNonQuery();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Calls <paramref name="replay"/> with every stored beacon received at or after <paramref name="since"/>, oldest
    /// first, streaming (for the rebuild at start: the rows are never all in memory at once).
    /// </summary>
    /// <returns>Beacons replayed.</returns>
    public long ReplaySince(DateTimeOffset since, Action<StoredBeacon> replay)
    {
        ArgumentNullException.ThrowIfNull(replay);
        _gate.Wait();
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT received_ms, session_id, seq, stream, body FROM beacons WHERE received_ms >= $since ORDER BY id";
            command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
            using var reader = command.ExecuteReader();
            long count = 0;
            while (reader.Read())
            {
                replay(new StoredBeacon(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetString(1),
                    reader.GetInt64(2), reader.GetString(3), reader.GetString(4)));
                count++;
            }

            return count;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The stored beacons of one session, by <c>seq</c>, at most <paramref name="limit"/> (the newest ones).</summary>
    public async Task<IReadOnlyList<StoredBeacon>> ReadSessionAsync(string sessionId, int limit, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                SELECT received_ms, session_id, seq, stream, body FROM
                  (SELECT * FROM beacons WHERE session_id = $session ORDER BY seq DESC LIMIT $limit)
                ORDER BY seq
                """;
            command.Parameters.AddWithValue("$session", sessionId);
            command.Parameters.AddWithValue("$limit", limit);
            return ReadAll(command);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Beacons stored (written, not queued).</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM beacons";
            return (long)command.ExecuteScalar()!;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The stored policy document, or null when none was ever stored.</summary>
    public PolicyDocument? LoadPolicy()
    {
        _gate.Wait();
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT version, document FROM policy WHERE id = 1";
            using var reader = command.ExecuteReader();
            if (!reader.Read())
                return null;
            var version = reader.GetInt64(0);
            return PolicyDocument.TryParse(System.Text.Encoding.UTF8.GetBytes(reader.GetString(1)), out var doc, out _)
                ? doc! with { Version = version }
                : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stores <paramref name="document"/> as the policy (replacing the previous one).</summary>
    public async Task SavePolicyAsync(PolicyDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT INTO policy(id, version, document) VALUES (1, $version, $document) " +
                                  "ON CONFLICT(id) DO UPDATE SET version = excluded.version, document = excluded.document";
            command.Parameters.AddWithValue("$version", document.Version);
            command.Parameters.AddWithValue("$document", System.Text.Encoding.UTF8.GetString(document.ToUtf8()));
            command.ExecuteNonQuery();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
        _batchFull.Dispose();
    }

    private void WriteBatch(List<StoredBeacon> batch)
    {
        using var transaction = _connection.BeginTransaction();
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO beacons(received_ms, session_id, seq, stream, body) VALUES ($t, $s, $q, $u, $b)";
        var t = command.Parameters.Add("$t", SqliteType.Integer);
        var s = command.Parameters.Add("$s", SqliteType.Text);
        var q = command.Parameters.Add("$q", SqliteType.Integer);
        var u = command.Parameters.Add("$u", SqliteType.Text);
        var b = command.Parameters.Add("$b", SqliteType.Text);
        command.Prepare();
        foreach (var beacon in batch)
        {
            t.Value = beacon.ReceivedAt.ToUnixTimeMilliseconds();
            s.Value = beacon.SessionId;
            q.Value = beacon.Seq;
            u.Value = beacon.Stream;
            b.Value = beacon.Body;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        Interlocked.Increment(ref _transactions);
        Interlocked.Add(ref _written, batch.Count);
    }

    private static List<StoredBeacon> ReadAll(SqliteCommand command)
    {
        var list = new List<StoredBeacon>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new StoredBeacon(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetString(1),
                reader.GetInt64(2), reader.GetString(3), reader.GetString(4)));
        }

        return list;
    }

    private void Migrate()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        var version = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (version > SchemaVersion)
            throw new InvalidDataException($"the analytics database has schema {version}, newer than this server's {SchemaVersion}");
        if (version == 0)
        {
            Execute($"""
                BEGIN;
                CREATE TABLE IF NOT EXISTS beacons(
                  id INTEGER PRIMARY KEY,
                  received_ms INTEGER NOT NULL,
                  session_id TEXT NOT NULL,
                  seq INTEGER NOT NULL,
                  stream TEXT NOT NULL,
                  body TEXT NOT NULL);
                CREATE INDEX IF NOT EXISTS beacons_session ON beacons(session_id, seq);
                CREATE INDEX IF NOT EXISTS beacons_received ON beacons(received_ms);
                CREATE TABLE IF NOT EXISTS policy(
                  id INTEGER PRIMARY KEY CHECK (id = 1),
                  version INTEGER NOT NULL,
                  document TEXT NOT NULL);
                PRAGMA user_version = {SchemaVersion};
                COMMIT;
                """);
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
