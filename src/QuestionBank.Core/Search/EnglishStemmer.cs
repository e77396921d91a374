namespace QuestionBank.Core.Search;

/// <summary>
/// A light English stemmer: enough to see that "trained" and "training" are "train", "GPUs" is
/// "GPU" and "overfitting" is "overfit" when matching glossary terms and telling typos from known
/// words. PostgreSQL's snowball stemmer still does the matching in the index.
/// </summary>
public static class EnglishStemmer
{
    private static readonly string[] Suffixes =
        ["ations", "ation", "ability", "able", "ments", "ment", "ness", "ings", "ing", "ities", "ity", "ers", "er", "ies", "ied", "ates", "ate", "ed", "es", "ly", "s"];

    /// <summary>The stem of a lower-cased word.</summary>
    /// <param name="word">A lower-cased Latin word.</param>
    public static string Stem(string word)
    {
        foreach (var suffix in Suffixes)
        {
            if (word.Length - suffix.Length >= 3 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                var stem = word[..^suffix.Length];
                // fitting → fitt → fit, as "fit" itself stems.
                return stem.Length > 3 && stem[^1] == stem[^2] && !"aeiouls".Contains(stem[^1]) ? stem[..^1] : stem;
            }
        }

        return word.Length > 3 && word[^1] == 'e' ? word[..^1] : word;
    }
}
