using System.Buffers;
using System.Runtime.CompilerServices;

namespace Bulwark.Detection.NGram;

/// <summary>
/// Hashes a text into signed feature buckets: lower-cased word 1- and 2-grams and character 3- to 5-grams
/// (whitespace collapsed, digits folded to '0'). Allocation-free apart from a pooled scratch buffer; the
/// caller receives every feature through a struct sink so that scoring never materialises a vector.
/// </summary>
public static class NGramFeaturizer
{
    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;
    private const uint WordSeed = 0x9E3779B9;
    private const uint BigramSeed = 0x85EBCA6B;

    /// <summary>Features are computed on at most this many characters per call; callers window longer texts.</summary>
    public const int MaxCharacters = 16_384;

    /// <summary>Visits every hashed feature of <paramref name="text"/>. Returns the number of features visited.</summary>
    public static int Visit<TSink>(ReadOnlySpan<char> text, int bucketBits, ref TSink sink) where TSink : struct, IFeatureSink
    {
        if (text.Length > MaxCharacters) text = text[..MaxCharacters];
        var mask = (1u << bucketBits) - 1;
        var rented = ArrayPool<char>.Shared.Rent(text.Length + 2);
        try
        {
            var length = Fold(text, rented);
            var buffer = new ReadOnlySpan<char>(rented, 0, length);
            var count = 0;

            // Character 3..5-grams.
            for (var i = 0; i + 3 <= buffer.Length; i++)
            {
                var h = FnvOffset;
                for (var j = 0; j < 5 && i + j < buffer.Length; j++)
                {
                    h = (h ^ buffer[i + j]) * FnvPrime;
                    if (j >= 2)
                    {
                        var m = Mix(h + (uint)j);
                        sink.Add((int)(m & mask), (m & 0x8000_0000u) != 0 ? -1f : 1f);
                        count++;
                    }
                }
            }

            // Word 1- and 2-grams.
            uint previous = 0;
            var havePrevious = false;
            var start = -1;
            for (var i = 0; i <= buffer.Length; i++)
            {
                var isWordChar = i < buffer.Length && char.IsLetterOrDigit(buffer[i]);
                if (isWordChar)
                {
                    if (start < 0) start = i;
                    continue;
                }
                if (start < 0) continue;
                var w = WordSeed;
                for (var k = start; k < i; k++) w = (w ^ buffer[k]) * FnvPrime;
                var m1 = Mix(w);
                sink.Add((int)(m1 & mask), (m1 & 0x8000_0000u) != 0 ? -1f : 1f);
                count++;
                if (havePrevious)
                {
                    var m2 = Mix((previous * 31 + w) ^ BigramSeed);
                    sink.Add((int)(m2 & mask), (m2 & 0x8000_0000u) != 0 ? -1f : 1f);
                    count++;
                }
                previous = w;
                havePrevious = true;
                start = -1;
            }
            return count;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static int Fold(ReadOnlySpan<char> text, char[] destination)
    {
        var n = 0;
        destination[n++] = ' ';
        var lastSpace = true;
        foreach (var raw in text)
        {
            var c = raw;
            if (char.IsWhiteSpace(c))
            {
                if (lastSpace) continue;
                destination[n++] = ' ';
                lastSpace = true;
                continue;
            }
            if (c is >= '0' and <= '9') c = '0';
            else c = char.ToLowerInvariant(c);
            destination[n++] = c;
            lastSpace = false;
        }
        if (!lastSpace) destination[n++] = ' ';
        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Mix(uint h)
    {
        h ^= h >> 16;
        h *= 0x7FEB352D;
        h ^= h >> 15;
        h *= 0x846CA68B;
        h ^= h >> 16;
        return h;
    }
}
