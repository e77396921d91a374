namespace QuestionBank.Exercises.Words;

/// <summary>
/// How a word reaches a model: one code per letter, left-aligned in <see cref="MaxLength"/> slots,
/// 0 for the padding after it. The letters of the seven lists have a code each; any other letter
/// shares the last code, and letters past <see cref="MaxLength"/> are cut off.
/// </summary>
public static class LetterCodes
{
    public const int MaxLength = 16;
    public const int Padding = 0;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿœ";

    /// <summary>How many codes there are, padding included: an embedding's table size.</summary>
    public static int VocabularySize => Alphabet.Length + 2;

    /// <summary>Writes the codes of <paramref name="word"/> into <paramref name="codes"/> (<see cref="MaxLength"/> slots).</summary>
    public static void Encode(string word, Span<float> codes)
    {
        codes[..MaxLength].Fill(Padding);
        for (var i = 0; i < Math.Min(word.Length, MaxLength); i++)
        {
            var letter = Alphabet.IndexOf(word[i], StringComparison.Ordinal);
            codes[i] = letter < 0 ? Alphabet.Length + 1 : letter + 1;
        }
    }

    /// <summary>The codes of <paramref name="words"/>, [words.Count, <see cref="MaxLength"/>] in row-major order.</summary>
    public static float[] Encode(IReadOnlyList<LabelledWord> words)
    {
        var codes = new float[words.Count * MaxLength];
        for (var i = 0; i < words.Count; i++)
        {
            Encode(words[i].Text, codes.AsSpan(i * MaxLength, MaxLength));
        }
        return codes;
    }
}
