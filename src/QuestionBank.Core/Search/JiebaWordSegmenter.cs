using JiebaNet.Segmenter;

namespace QuestionBank.Core.Search;

/// <summary>
/// jieba's dictionary segmentation (precise mode with its HMM for unknown words). Loading the
/// dictionary takes a second or two, so one instance serves the process.
/// </summary>
public sealed class JiebaWordSegmenter : IWordSegmenter
{
    private readonly JiebaSegmenter _segmenter;
    private readonly HashSet<string> _added = new(StringComparer.Ordinal);
    // jieba's dictionary is a shared mutable trie: adding words must not race with cutting.
    private readonly ReaderWriterLockSlim _lock = new();

    /// <summary>Loads jieba's dictionary from <c>Resources/jieba</c> beside the application.</summary>
    public JiebaWordSegmenter()
    {
        ConfigManager.ConfigFileBaseDir = Path.Combine(AppContext.BaseDirectory, "Resources", "jieba");
        _segmenter = new JiebaSegmenter();
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Cut(string text)
    {
        _lock.EnterReadLock();
        try
        {
            return _segmenter.Cut(text, cutAll: false, hmm: true).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public bool IsWord(string word)
    {
        _lock.EnterReadLock();
        try
        {
            return WordDictionary.Instance.ContainsWord(word);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public void AddWords(IEnumerable<string> words)
    {
        _lock.EnterWriteLock();
        try
        {
            foreach (var word in words.Where(_added.Add))
            {
                _segmenter.AddWord(word);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }
}
