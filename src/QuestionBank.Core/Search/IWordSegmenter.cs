namespace QuestionBank.Core.Search;

/// <summary>Splits Chinese text into dictionary words.</summary>
public interface IWordSegmenter
{
    /// <summary>Cuts a run of text into words, in order.</summary>
    /// <param name="text">Text, typically a run of Chinese.</param>
    IReadOnlyList<string> Cut(string text);

    /// <summary>True when the dictionary has the word.</summary>
    /// <param name="word">A word.</param>
    bool IsWord(string word);

    /// <summary>Adds words the dictionary lacks, such as the glossary's terms, so they are never cut apart.</summary>
    /// <param name="words">The words.</param>
    void AddWords(IEnumerable<string> words);
}
