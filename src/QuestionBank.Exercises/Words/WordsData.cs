using static TorchSharp.torch;

namespace QuestionBank.Exercises.Words;

/// <summary>
/// The training words as tensors: <see cref="Codes"/> [N, 16] holds each word's letter codes as
/// float32 (what the judge sends the model too; an embedding wants them as int64), 0 for padding;
/// <see cref="Labels"/> [N] (int64) the index of each word's language in <see cref="Languages"/>.
/// </summary>
public sealed class WordsData(IReadOnlyList<LabelledWord> words)
{
    public Tensor Codes { get; } = tensor(LetterCodes.Encode(words), [words.Count, LetterCodes.MaxLength]);

    public Tensor Labels { get; } = tensor(words.Select(word => (long)word.Language).ToArray(), [words.Count]);

    /// <summary>The words themselves, in the order of <see cref="Codes"/>.</summary>
    public IReadOnlyList<string> Texts { get; } = [.. words.Select(word => word.Text)];

    public IReadOnlyList<string> Languages => WordList.Languages;

    public int LanguageCount => WordList.Languages.Count;

    public int MaxLength => LetterCodes.MaxLength;

    /// <summary>How many letter codes there are, padding included: an embedding's table size.</summary>
    public int VocabularySize => LetterCodes.VocabularySize;

    public long Count => Labels.shape[0];
}
