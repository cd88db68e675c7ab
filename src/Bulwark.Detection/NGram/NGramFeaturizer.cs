using System.Buffers;
using System.Runtime.CompilerServices;

namespace Bulwark.Detection.NGram;

/// <summary>
/// Hashes a text into signed feature buckets: lower-cased word 1- and 2-grams and character 3- to 5-grams
/// (whitespace collapsed, digits folded to '0'). Allocation-free apart from pooled scratch buffers; the
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
        var rented = ArrayPool<int>.Shared.Rent(MaxFeatures(text.Length));
        try
        {
            var count = Codes(text, bucketBits, rented);
            for (var i = 0; i < count; i++)
            {
                var code = rented[i];
                sink.Add(code & int.MaxValue, code < 0 ? -1f : 1f);
            }
            return count;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>An upper bound of the features of a text of <paramref name="length"/> characters (at most <see cref="MaxCharacters"/>).</summary>
    internal static int MaxFeatures(int length) => 4 * (Math.Min(length, MaxCharacters) + 2) + 4;

    /// <summary>
    /// Writes every feature of <paramref name="text"/> (at most <see cref="MaxCharacters"/> are read) in visiting order
    /// as a code: the bucket in the low bits, bit 31 set for a negative sign. <paramref name="codes"/> must hold
    /// <see cref="MaxFeatures"/> entries. Returns the number of features.
    /// </summary>
    internal static int Codes(ReadOnlySpan<char> text, int bucketBits, Span<int> codes)
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
                h = (h ^ buffer[i]) * FnvPrime;
                h = (h ^ buffer[i + 1]) * FnvPrime;
                h = (h ^ buffer[i + 2]) * FnvPrime;
                codes[count++] = Code(Mix(h + 2u), mask);
                if (i + 3 >= buffer.Length) continue;
                h = (h ^ buffer[i + 3]) * FnvPrime;
                codes[count++] = Code(Mix(h + 3u), mask);
                if (i + 4 >= buffer.Length) continue;
                h = (h ^ buffer[i + 4]) * FnvPrime;
                codes[count++] = Code(Mix(h + 4u), mask);
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
                codes[count++] = Code(Mix(w), mask);
                if (havePrevious) codes[count++] = Code(Mix((previous * 31 + w) ^ BigramSeed), mask);
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Code(uint m, uint mask) => (int)((m & mask) | (m & 0x8000_0000u));

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
