using System.Diagnostics;
using System.Security.Cryptography;
using HlsSwarm.WebRtc.Udp;
using Xunit;

namespace HlsSwarm.Interop.Tests;

/// <summary>
/// The transfers every data-channel interop test makes between our <see cref="UdpDataChannel"/> and a browser page set
/// up by <see cref="DataChannelInteropTests.PageSetup"/> (Chromium or Firefox): single messages and a 50 MB bulk
/// transfer each way, all checked by SHA-256.
/// </summary>
internal static class DataChannelTransfers
{
    public const int BulkBytes = 50 * 1000 * 1000;
    public const int BulkMessage = 64 * 1024;

    /// <summary>Sends the page's prepared buffer in messages of <c>chunk</c> bytes, keeping bufferedAmount bounded.</summary>
    private const string SendPrepared = """
        async chunk => {
          const dc = window.dc, data = window.prepared;
          dc.bufferedAmountLowThreshold = 1 << 20;
          for (let off = 0; off < data.length; off += chunk) {
            while (dc.bufferedAmount > (4 << 20)) {
              await new Promise(r => dc.addEventListener('bufferedamountlow', r, { once: true }));
            }
            dc.send(data.subarray(off, Math.min(data.length, off + chunk)));
          }
        }
        """;

    /// <summary>One message of <paramref name="size"/> random bytes from us; the page reports its length and SHA-256.</summary>
    public static async Task OursToPageMessageAsync(IBrowserPage page, UdpDataChannel channel, int size, CancellationToken ct)
    {
        byte[] data = RandomNumberGenerator.GetBytes(size);
        Task<string> atPage = page.EvaluateAsync<string>(
            "async () => { const m = await window.next(); return m.length + ' ' + await window.hex(m); }", null, ct);
        await channel.SendAsync(data, ct);
        Assert.Equal($"{size} {Convert.ToHexStringLower(SHA256.HashData(data))}", await atPage.WaitAsync(ct));
    }

    /// <summary>One binary message of <paramref name="size"/> random bytes from the page, checked by SHA-256.</summary>
    public static async Task PageToOursMessageAsync(IBrowserPage page, UdpDataChannel channel, int size, CancellationToken ct)
    {
        string sent = await page.EvaluateAsync<string>(
            "async n => { const m = window.random(n); window.dc.send(m); return await window.hex(m); }", size, ct);
        DataChannelMessage message = await channel.ReceiveAsync(ct);
        Assert.False(message.IsString);
        Assert.Equal(size, message.Data.Length);
        Assert.Equal(sent, Convert.ToHexStringLower(SHA256.HashData(message.Data)));
    }

    /// <summary>Returns Mbit/s from our first send until the page has every byte (its SHA-256 is checked after).</summary>
    public static async Task<double> OursToPageBulkAsync(IBrowserPage page, UdpDataChannel channel, CancellationToken ct)
    {
        byte[] data = RandomNumberGenerator.GetBytes(BulkBytes);
        await page.EvaluateAsync(
            "n => { window.bulkBuffer = new Uint8Array(n); " +
            "window.bulkDone = new Promise(r => window.bulk = { buffer: window.bulkBuffer, received: 0, done: r }); }",
            BulkBytes, ct);
        var clock = Stopwatch.StartNew();
        for (int offset = 0; offset < data.Length; offset += BulkMessage)
        {
            await channel.SendAsync(data.AsMemory(offset, Math.Min(BulkMessage, data.Length - offset)), ct);
        }
        await page.EvaluateAsync("() => window.bulkDone", null, ct);
        clock.Stop();
        string atPage = await page.EvaluateAsync<string>(
            "async () => { const h = await window.hex(window.bulkBuffer); window.bulkBuffer = null; return h; }", null, ct);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), atPage);
        return BulkBytes * 8 / clock.Elapsed.TotalSeconds / 1e6;
    }

    /// <summary>Returns Mbit/s from the page's first send until we have every byte, checked by SHA-256.</summary>
    public static async Task<double> PageToOursBulkAsync(IBrowserPage page, UdpDataChannel channel, CancellationToken ct)
    {
        string expected = await page.EvaluateAsync<string>(
            "async n => { window.prepared = window.random(n); return await window.hex(window.prepared); }", BulkBytes, ct);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var clock = Stopwatch.StartNew();
        Task sending = page.EvaluateAsync(SendPrepared, BulkMessage, ct);
        long received = 0;
        while (received < BulkBytes)
        {
            DataChannelMessage message = await channel.ReceiveAsync(ct);
            hash.AppendData(message.Data);
            received += message.Data.Length;
        }
        clock.Stop();
        await sending.WaitAsync(ct);
        await page.EvaluateAsync("() => { window.prepared = null; }", null, ct);
        Assert.Equal(BulkBytes, received);
        Assert.Equal(expected, Convert.ToHexStringLower(hash.GetHashAndReset()));
        return BulkBytes * 8 / clock.Elapsed.TotalSeconds / 1e6;
    }
}
