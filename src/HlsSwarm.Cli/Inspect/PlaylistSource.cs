using System.Net;
using System.Text;

namespace HlsSwarm.Cli.Inspect;

/// <summary>
/// Loads the playlist <c>hlsswarm inspect</c> looks at: an <c>http(s)://</c> URL (redirects followed, because
/// p2p-media-loader derives the swarm id from the manifest's <em>final</em> URL, spec §1.1) or a local file.
/// </summary>
/// <param name="Text">The playlist text (UTF-8, BOM removed).</param>
/// <param name="Url">The final URL after redirects, or the file's <c>file://</c> URL.</param>
/// <param name="FromFile">True when read from a file: the swarm id then needs <c>--swarm-id</c> to match real viewers.</param>
internal sealed record PlaylistSource(string Text, Uri Url, bool FromFile)
{
    /// <summary>Largest playlist read (a 10,000-segment VOD playlist is about 0.5 MB).</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>Time allowed for one HTTP fetch, redirects included.</summary>
    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Loads <paramref name="location"/>; on failure returns null and a one-line reason.</summary>
    public static async Task<(PlaylistSource? Source, string? Error)> LoadAsync(string location, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(location, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return await FetchAsync(uri, cancellationToken).ConfigureAwait(false);
        }
        if (uri is not null && uri.IsFile)
        {
            location = uri.LocalPath;
        }
        else if (uri is not null)
        {
            return (null, $"unsupported URL scheme '{uri.Scheme}:' (use http://, https:// or a file path)");
        }
        return Read(location);
    }

    private static (PlaylistSource?, string?) Read(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return (null, $"no such file: {path}");
            }
            if (info.Length > MaxBytes)
            {
                return (null, $"{path} is {info.Length:N0} bytes; playlists larger than {MaxBytes:N0} bytes are refused");
            }
            var bytes = File.ReadAllBytes(path);
            return (new PlaylistSource(Decode(bytes), new Uri(info.FullName), FromFile: true), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return (null, $"cannot read {path}: {e.Message}");
        }
    }

    private static async Task<(PlaylistSource?, string?)> FetchAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 10,
            AutomaticDecompression = DecompressionMethods.All,
        });
        client.Timeout = FetchTimeout;
        client.DefaultRequestHeaders.UserAgent.ParseAdd("hlsswarm-inspect/0.1");
        try
        {
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var final = response.RequestMessage?.RequestUri ?? uri;
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"GET {final} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            if (response.Content.Headers.ContentLength > MaxBytes)
            {
                return (null, $"GET {final}: {response.Content.Headers.ContentLength:N0} bytes; playlists larger than {MaxBytes:N0} bytes are refused");
            }
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    return (null, $"GET {final}: more than {MaxBytes:N0} bytes; playlists that large are refused");
                }
                buffer.Write(chunk, 0, read);
            }
            return (new PlaylistSource(Decode(buffer.ToArray()), final, FromFile: false), null);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"GET {uri}: no complete answer within {FetchTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            return (null, $"GET {uri}: {e.Message}");
        }
    }

    // RFC 8216 §4.1: playlists are UTF-8 and must not carry a BOM; players tolerate one, and so do we.
    private static string Decode(byte[] bytes) => new UTF8Encoding(false, false).GetString(bytes).TrimStart('\uFEFF');
}
