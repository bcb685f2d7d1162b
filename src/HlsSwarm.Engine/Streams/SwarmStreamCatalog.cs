using System.Text.RegularExpressions;

using HlsSwarm.Hls;
using HlsSwarm.Protocol.Swarm;

namespace HlsSwarm.Engine.Streams;

/// <summary>
/// The streams a browser running hls.js 1.6 + p2p-media-loader-hlsjs 2.3 registers for a manifest, in its order, with
/// their swarm identities (spec §1). What p2pml reads is hls.js's <c>MANIFEST_LOADED</c> data, i.e. the playlist as
/// parsed, not the level list hls.js plays (which it filters by codec support, de-duplicates and sorts):
/// <list type="bullet">
/// <item>one main stream per <c>#EXT-X-STREAM-INF</c>, in playlist order; if some variants declare a codec hls.js
/// does not know and others do not, the former are dropped (hls.js <c>parseMasterPlaylist</c>);</item>
/// <item>then one secondary stream per <c>#EXT-X-MEDIA:TYPE=AUDIO</c> in playlist order, preceded by an implicit "main"
/// track (no URL) when renditions exist, all have a URI, and the first variant has an audio codec but no
/// <c>AUDIO</c> group (hls.js playlist-loader); subtitles and closed captions never;</item>
/// <item>streams are keyed by URL: a URL seen before (a repeated variant, a rendition sharing a variant's URL, the
/// second rendition without URI) adds nothing;</item>
/// <item>a media playlist given as the manifest is one main stream with bitrate 0: canonical <c>0--------</c>.</item>
/// </list>
/// I-frame playlists are not streams. Pure function of (text, URL, options).
/// </summary>
/// <param name="SwarmId">The swarm id every stream id is built on.</param>
/// <param name="IsMediaPlaylist">Whether the manifest was a media playlist (a single stream, no variants).</param>
/// <param name="Streams">The streams in p2p-media-loader's order.</param>
/// <param name="Error">Why hls.js would reject the manifest (then <paramref name="Streams"/> is empty); null if it is accepted.</param>
public sealed partial record SwarmStreamCatalog(string SwarmId, bool IsMediaPlaylist, IReadOnlyList<SwarmStream> Streams, string? Error)
{
    /// <summary>
    /// The streams of the manifest <paramref name="text"/> whose final URL (after redirects) is
    /// <paramref name="manifestUrl"/>.
    /// </summary>
    public static SwarmStreamCatalog FromManifest(string text, string manifestUrl, SwarmStreamOptions? options = null)
    {
        options ??= SwarmStreamOptions.Default;
        var swarmId = SwarmIdentity.SwarmId(options.SwarmId, manifestUrl);
        if (IsMediaPlaylistText(text))
        {
            if (PlaylistSegments.Read(text, manifestUrl) is { ParserThrows: true } broken)
            {
                return new SwarmStreamCatalog(swarmId, true, [], broken.Error);
            }

            // hls.js playlist-loader: a single level { url, bitrate: 0 }; p2pml gives it the "missing metadata" id.
            var identity = StreamIdentity.ForVariant(swarmId, new VariantAttributes(Bandwidth: "0", AverageBandwidth: "0"), 0, options.Rule);
            return new SwarmStreamCatalog(swarmId, true, [new SwarmStream(manifestUrl, identity)], null);
        }

        if (!text.StartsWith("#EXTM3U", StringComparison.Ordinal))
        {
            return new SwarmStreamCatalog(swarmId, false, [], "no EXTM3U delimiter");
        }

        var variants = new List<(Func<string, string?> Attribute, string Uri)>();
        foreach (Match m in MasterTags().Matches(text))
        {
            if (m.Groups[1].Length > 0)
            {
                // (The other tags the pattern names are consumed, not streams; and a STREAM-INF without attributes is
                // skipped by hls.js, its attribute text being falsy, after consuming it and its URI line.)
                var attributes = AttributeList.Parse(m.Groups[1].ValueSpan);
                variants.Add((name => attributes[name], m.Groups[2].Value));
            }
        }

        var renditions = new List<Func<string, string?>>();
        foreach (Match m in MediaTags().Matches(text))
        {
            var attributes = AttributeList.Parse(m.Groups[1].ValueSpan);
            renditions.Add(name => attributes[name]);
        }

        return Build(swarmId, variants, renditions, manifestUrl, options);
    }

    /// <summary>
    /// The streams of a master playlist already parsed by <see cref="HlsSwarm.Hls"/> (raw attribute values and URIs are
    /// used, resolved against <paramref name="manifestUrl"/> as hls.js does). Equal to <see cref="FromManifest"/> on the
    /// text for every playlist both hls.js and our parser accept, except where the model does not hold what hls.js reads (see
    /// the README of this project); prefer <see cref="FromManifest"/> when the text is at hand.
    /// </summary>
    public static SwarmStreamCatalog FromMasterPlaylist(MasterPlaylist master, string manifestUrl, SwarmStreamOptions? options = null)
    {
        options ??= SwarmStreamOptions.Default;
        // hls.js skips an EXT-X-STREAM-INF whose attribute text is empty (the model cannot tell it from white space only).
        var variants = master.Variants.Where(v => v.Attributes.Count > 0)
            .Select(v => ((Func<string, string?>)(name => v.Attributes[name]), v.Uri)).ToList();
        var renditions = master.Renditions.Select(r => (Func<string, string?>)(name => r.Attributes[name])).ToList();
        return Build(SwarmIdentity.SwarmId(options.SwarmId, manifestUrl), variants, renditions, manifestUrl, options);
    }

    private static SwarmStreamCatalog Build(
        string swarmId, List<(Func<string, string?> Attribute, string Uri)> variants, List<Func<string, string?>> renditions, string manifestUrl, SwarmStreamOptions options)
    {
        var levels = ReadLevels(variants, manifestUrl);
        if (levels is null)
        {
            return new SwarmStreamCatalog(swarmId, false, [], "a variant URI that hls.js cannot resolve");
        }

        if (levels.Count == 0)
        {
            return new SwarmStreamCatalog(swarmId, false, [], "no levels found in manifest");
        }

        var tracks = ReadAudioTracks(renditions, manifestUrl, levels);
        if (tracks is null)
        {
            return new SwarmStreamCatalog(swarmId, false, [], "a rendition URI that hls.js cannot resolve");
        }

        var streams = new List<SwarmStream>(levels.Count + tracks.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < levels.Count; i++)
        {
            if (seen.Add(levels[i].Url))
            {
                var canonical = StreamCanonicalString.ForVariant(levels[i].Attributes, levels[i].VideoCodec);
                streams.Add(new SwarmStream(levels[i].Url, StreamIdentity.FromCanonical(swarmId, StreamType.Main, canonical, i, options.Rule)));
            }
        }

        for (int i = 0; i < tracks.Count; i++)
        {
            if (seen.Add(tracks[i].Url))
            {
                var canonical = StreamCanonicalString.ForAudioRendition(tracks[i].Attributes, tracks[i].AudioCodec);
                streams.Add(new SwarmStream(tracks[i].Url, StreamIdentity.FromCanonical(swarmId, StreamType.Secondary, canonical, i, options.Rule)));
            }
        }

        return new SwarmStreamCatalog(swarmId, false, streams, null);
    }

    /// <summary>hls.js <c>isMediaPlaylist</c>: some line starts with <c>#EXTINF:</c> or <c>#EXT-X-TARGETDURATION:</c>.</summary>
    public static bool IsMediaPlaylistText(string text) => MediaPlaylistMarker().IsMatch(text);

    private sealed record Level(string Url, VariantAttributes Attributes, string? VideoCodec, string? AudioCodec, List<string> UnknownCodecs);

    private sealed record AudioTrack(string Url, AudioRenditionAttributes Attributes, string? AudioCodec);

    private static List<Level>? ReadLevels(List<(Func<string, string?> Attribute, string Uri)> variants, string baseUrl)
    {
        var levels = new List<Level>();
        foreach (var (a, uri) in variants)
        {
            if (HlsJsUrl.Resolve(uri, baseUrl) is not { } url)
            {
                return null;
            }

            var codecs = a("CODECS");
            var unknown = (codecs ?? string.Empty).Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)
                .Where(c => !SampleEntryCodes.IsVideo(c) && !SampleEntryCodes.IsAudio(c) && !SampleEntryCodes.IsText(c))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            var attributes = new VariantAttributes(
                a("BANDWIDTH"), a("AVERAGE-BANDWIDTH"), codecs, a("RESOLUTION"), a("FRAME-RATE"), a("VIDEO-RANGE"), a("AUDIO"));
            levels.Add(new Level(
                url,
                attributes,
                StreamCanonicalString.HlsJsCodecs(codecs, SampleEntryCodes.IsVideo),
                StreamCanonicalString.HlsJsCodecs(codecs, SampleEntryCodes.IsAudio),
                unknown));
        }

        // hls.js parseMasterPlaylist drops the variants with a codec it does not list, unless that would drop them all.
        int known = levels.Count(l => l.UnknownCodecs.Count == 0);
        if (known > 0 && known < levels.Count)
        {
            return levels.Where(l => l.UnknownCodecs.Count == 0).ToList();
        }

        // hls.js playlist-loader: then it asks MediaSource about each such codec, last first, audio before video, and
        // appends the accepted ones to the variant's audioCodec / videoCodec.
        for (int i = 0; i < levels.Count; i++)
        {
            var (audio, video) = (levels[i].AudioCodec, levels[i].VideoCodec);
            for (int u = levels[i].UnknownCodecs.Count - 1; u >= 0; u--)
            {
                var codec = levels[i].UnknownCodecs[u];
                if (ChromiumMediaSource.IsTypeSupported(codec, audio: true))
                {
                    audio = audio is null ? codec : audio + "," + codec;
                }
                else if (ChromiumMediaSource.IsTypeSupported(codec, audio: false))
                {
                    video = video is null ? codec : video + "," + codec;
                }
            }

            levels[i] = levels[i] with { AudioCodec = audio, VideoCodec = video };
        }

        return levels;
    }

    private static List<AudioTrack>? ReadAudioTracks(List<Func<string, string?>> renditions, string baseUrl, List<Level> levels)
    {
        var tracks = new List<AudioTrack>();
        foreach (var a in renditions)
        {
            if (a("TYPE") != "AUDIO")
            {
                continue; // SUBTITLES, CLOSED-CAPTIONS and others are never P2P
            }

            var uri = a("URI");
            string url = string.Empty;
            if (!string.IsNullOrEmpty(uri))
            {
                if (HlsJsUrl.Resolve(uri, baseUrl) is not { } resolved)
                {
                    return null;
                }

                url = resolved;
            }

            // The codecs hls.js gives the track: the audio codecs of the first variant of its group, else of the
            // first variant (a variant without AUDIO never matches, not even GROUP-ID="").
            var groupId = a("GROUP-ID") ?? string.Empty;
            var group = levels.FirstOrDefault(l => l.Attributes.Audio == groupId) ?? levels[0];
            var channels = a("CHANNELS");
            tracks.Add(new AudioTrack(
                url,
                new AudioRenditionAttributes(a("LANGUAGE"), a("NAME"), string.IsNullOrEmpty(channels) ? null : channels, groupId, group.Attributes.Codecs),
                group.AudioCodec));
        }

        if (tracks.Count > 0 && tracks.All(t => t.Url.Length > 0) && levels[0].AudioCodec is not null
            && string.IsNullOrEmpty(levels[0].Attributes.Audio))
        {
            // hls.js playlist-loader: audio in the variants themselves but no rendition without URI for it.
            tracks.Insert(0, new AudioTrack(string.Empty, new AudioRenditionAttributes(Name: "main", GroupId: "main"), null));
        }

        return tracks;
    }

    // JS /^…/m: a line starts after any of the four JS line terminators.
    [GeneratedRegex("(?<=^|[\\n\\r\\u2028\\u2029])#EXT(?:INF|-X-TARGETDURATION):")]
    private static partial Regex MediaPlaylistMarker();

    // hls.js scans the whole text, not lines: a STREAM-INF's URI is the next line that is neither empty nor a comment
    // or tag; the other tags named here are consumed with their line ends.
    [GeneratedRegex(@"#EXT-X-STREAM-INF:([^\r\n]*)(?:[\r\n](?:#[^\r\n]*)?)*([^\r\n]+)|#EXT-X-(?:SESSION-DATA|SESSION-KEY|DEFINE|CONTENT-STEERING|START):[^\r\n]*[\r\n]+")]
    private static partial Regex MasterTags();

    [GeneratedRegex("#EXT-X-MEDIA:([^\\n\\r\\u2028\\u2029]*)")]
    private static partial Regex MediaTags();
}
