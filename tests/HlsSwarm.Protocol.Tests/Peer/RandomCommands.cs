using HlsSwarm.Protocol.Peer;

namespace HlsSwarm.Protocol.Tests.Peer;

/// <summary>
/// Seeded generator of peer commands and max message sizes for the differential tests against the real JS
/// (<see cref="P2pmlCommandDifferentialTests"/>): edge values, random bit lengths, negative values where the JS
/// encodes them, empty, long, scattered and "similar" id lists.
/// </summary>
internal sealed class RandomCommands(int seed)
{
    private static readonly long[] Edges =
    [
        0, 1, 2, 127, 128, 255, 256, 257, 32767, 32768, 65535, 65536, int.MaxValue, 1L << 31, 1L << 32, 1_700_000_000,
        IntItem.MaxSafeInteger - 1, IntItem.MaxSafeInteger,
    ];

    private static readonly int[] EdgeSizes = [9, 10, 16, 24, 64, 1024, 16384, 65535, 65536, 262144];

    private readonly Random _rng = new(seed);

    public Random Rng => _rng;

    /// <summary>An Int value with |n| ≤ 2^53 − 1: an edge value or a random bit length 0..53.</summary>
    public long Int(bool allowNegative)
    {
        var value = _rng.Next(3) == 0 ? Edges[_rng.Next(Edges.Length)] : Bits(_rng.Next(0, 54));
        return allowNegative && _rng.Next(4) == 0 ? -value : value;
    }

    /// <summary>A value of exactly <paramref name="bits"/> significant bits (0 → 0).</summary>
    private long Bits(int bits) =>
        bits == 0 ? 0 : (1L << (bits - 1)) | (_rng.NextInt64() & ((1L << (bits - 1)) - 1));

    /// <summary>Max message size: an edge size or log-uniform in 9 B..256 KiB.</summary>
    public int MaxMessageSize() =>
        _rng.Next(5) == 0
            ? EdgeSizes[_rng.Next(EdgeSizes.Length)]
            : (int)Math.Round(CommandSplit.MinMaxMessageSize * Math.Exp(_rng.NextDouble() * Math.Log(262144.0 / CommandSplit.MinMaxMessageSize)));

    /// <summary>One of the six commands with random fields (byte offset ≥ 0, see the negative-offset test).</summary>
    public IPeerCommand Command(bool inJsDomain = true)
    {
        var i = Int(allowNegative: true);
        var r = Int(allowNegative: true);
        return _rng.Next(7) switch
        {
            0 or 1 => new SegmentsAnnouncementCommand(Ids(inJsDomain), Ids(inJsDomain)),
            2 => new SegmentRequestCommand(i, r, _rng.Next(3) == 0 ? 0 : Int(allowNegative: false)),
            3 => new SegmentDataCommand(i, Int(allowNegative: true), r),
            4 => new SegmentDataSendingCompletedCommand(i, r),
            5 => new SegmentAbsentCommand(i, r),
            _ => new CancelSegmentRequestCommand(i, r),
        };
    }

    /// <summary>
    /// An id list. With <paramref name="inJsDomain"/> it is trimmed to the domain the JS encodes correctly
    /// (spec §4.3: ≤ 255 ids per 256-block, ≤ 255 blocks); otherwise it may overflow both.
    /// </summary>
    public long[] Ids(bool inJsDomain = true)
    {
        var ids = new List<long>();
        switch (_rng.Next(9))
        {
            case 0:
                break;
            case 1:
                for (var n = _rng.Next(1, 12); n > 0; n--)
                {
                    ids.Add(Int(allowNegative: true));
                }

                break;
            case 2 or 3:
            {
                // A run of consecutive ids (VOD index, live media sequence, near the limits), maybe with gaps.
                var length = _rng.Next(1, 700);
                var start = _rng.Next(4) switch
                {
                    0 => _rng.Next(0, 5000),
                    1 => 1_700_000_000 + _rng.Next(0, 100_000),
                    2 => IntItem.MaxSafeInteger - length,
                    _ => -IntItem.MaxSafeInteger + _rng.Next(0, 1000),
                };
                var gaps = _rng.Next(3) == 0;
                for (var k = 0; k < length; k++)
                {
                    if (!gaps || _rng.Next(4) != 0)
                    {
                        ids.Add(start + k);
                    }
                }

                break;
            }

            case 4:
            {
                // "Similar" ids: a few neighbouring blocks, random order, duplicates allowed.
                var baseId = Int(allowNegative: true) / 2;
                for (var n = _rng.Next(1, 400); n > 0; n--)
                {
                    ids.Add(baseId + _rng.Next(0, 1024));
                }

                break;
            }

            case 5:
            {
                // Many groups: up to ~300 distinct 256-blocks with 1..3 ids each.
                var baseBlock = _rng.NextInt64(0, 1L << 40);
                for (var n = _rng.Next(150, 300); n > 0; n--)
                {
                    var block = baseBlock + _rng.Next(0, 100_000);
                    for (var k = _rng.Next(1, 4); k > 0; k--)
                    {
                        ids.Add((block * 256) + _rng.Next(256));
                    }
                }

                break;
            }

            case 6:
                // Scattered over the whole range: one group per id.
                for (var n = _rng.Next(1, 300); n > 0; n--)
                {
                    ids.Add(Int(allowNegative: true));
                }

                break;
            case 7:
                // Big: many full-ish blocks (tens of KiB of body), to exercise splitting.
                if (_rng.Next(4) == 0)
                {
                    var first = _rng.NextInt64(0, 1L << 30) * 256;
                    for (var block = _rng.Next(20, 120); block > 0; block--)
                    {
                        for (var low = 0; low < 256; low++)
                        {
                            ids.Add(first + (block * 256L) + low);
                        }
                    }
                }

                break;
            default:
                ids.Add(Edges[_rng.Next(Edges.Length)] * (_rng.Next(2) == 0 ? 1 : -1));
                break;
        }

        if (_rng.Next(3) == 0)
        {
            Shuffle(ids);
        }

        return inJsDomain ? TrimToJsDomain(ids) : [.. ids];
    }

    private void Shuffle(List<long> ids)
    {
        for (var k = ids.Count - 1; k > 0; k--)
        {
            var j = _rng.Next(k + 1);
            (ids[k], ids[j]) = (ids[j], ids[k]);
        }
    }

    /// <summary>Drops ids until every 256-block has ≤ 255 ids and there are ≤ 255 blocks (spec §4.3).</summary>
    public static long[] TrimToJsDomain(IEnumerable<long> ids)
    {
        var counts = new Dictionary<long, int>();
        var kept = new List<long>();
        foreach (var id in ids)
        {
            var key = id & ~0xFFL;
            counts.TryGetValue(key, out var count);
            if (count == 0 && counts.Count == SimilarIntArrayItem.MaxGroups)
            {
                continue;
            }

            if (count == SimilarIntArrayItem.MaxGroupCount)
            {
                continue;
            }

            counts[key] = count + 1;
            kept.Add(id);
        }

        return [.. kept];
    }

    /// <summary>True iff the JS encodes <paramref name="ids"/> correctly: ≤ 255 ids per block, ≤ 255 blocks.</summary>
    public static bool InJsDomain(IEnumerable<long> ids)
    {
        var groups = ids.GroupBy(id => id & ~0xFFL).ToList();
        return groups.Count <= SimilarIntArrayItem.MaxGroups && groups.All(g => g.Count() <= SimilarIntArrayItem.MaxGroupCount);
    }

    /// <summary>The spec's decoded order (§4.3): grouped by block in order of first occurrence, input order inside.</summary>
    public static long[] Grouped(ReadOnlySpan<long> ids) => [.. ids.ToArray().GroupBy(id => id & ~0xFFL).SelectMany(g => g)];
}
