using JiebaNet.Segmenter;

namespace QuestionBank.Core.Search;

/// <summary>
/// jieba's dictionary segmentation (precise mode with its HMM for unknown words). Loading the
/// dictionary takes a second or two, so one instance serves the process.
/// </summary>
public sealed class JiebaWordSegmenter : IWordSegmenter
{
    private readonly JiebaSegmenter segmenter;
    private readonly HashSet<string> added = new(StringComparer.Ordinal);
    // jieba's dictionary is a shared mutable trie: adding words must not race with cutting.
    private readonly ReaderWriterLockSlim segmenterLock = new();

    /// <summary>Loads jieba's dictionary from <c>Resources/jieba</c> beside the application.</summary>
    public JiebaWordSegmenter()
    {
        ConfigManager.ConfigFileBaseDir = Path.Combine(AppContext.BaseDirectory, "Resources", "jieba");
        segmenter = new JiebaSegmenter();
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Cut(string text)
    {
        segmenterLock.EnterReadLock();
        try
        {
            return segmenter.Cut(text, cutAll: false, hmm: true).ToList();
        }
        finally
        {
            segmenterLock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public bool IsWord(string word)
    {
        segmenterLock.EnterReadLock();
        try
        {
            return WordDictionary.Instance.ContainsWord(word);
        }
        finally
        {
            segmenterLock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public void AddWords(IEnumerable<string> words)
    {
        segmenterLock.EnterWriteLock();
        try
        {
            foreach (var word in words.Where(added.Add))
            {
                segmenter.AddWord(word);
            }
        }
        finally
        {
            segmenterLock.ExitWriteLock();
        }
    }
}
