using System.Numerics;

namespace QuestionBank.Core.Search;

/// <summary>A set of questions of an <see cref="InvertedIndex"/>, by their position in it: one bit each.</summary>
public sealed class QuestionSet
{
    private readonly ulong[] words;

    /// <summary>An empty set for an index of <paramref name="capacity"/> questions.</summary>
    public QuestionSet(int capacity) => words = new ulong[(capacity + 63) / 64];

    /// <summary>Adds a question.</summary>
    public void Add(int question) => words[question >> 6] |= 1UL << question;

    /// <summary>True when the set holds the question.</summary>
    public bool Contains(int question) => (words[question >> 6] & (1UL << question)) != 0;

    /// <summary>Keeps only the questions <paramref name="other"/> holds too.</summary>
    public QuestionSet IntersectWith(QuestionSet other)
    {
        for (var i = 0; i < words.Length; i++)
        {
            words[i] &= other.words[i];
        }

        return this;
    }

    /// <summary>Adds the questions of <paramref name="other"/>.</summary>
    public QuestionSet UnionWith(QuestionSet other)
    {
        for (var i = 0; i < words.Length; i++)
        {
            words[i] |= other.words[i];
        }

        return this;
    }

    /// <summary>Turns the set into its complement among <paramref name="count"/> questions.</summary>
    public QuestionSet Complement(int count)
    {
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = ~words[i];
        }

        if (count % 64 != 0)
        {
            words[^1] &= (1UL << (count % 64)) - 1;
        }

        return this;
    }

    /// <summary>The questions in ascending order.</summary>
    public IEnumerable<int> Members()
    {
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            while (word != 0)
            {
                yield return (i << 6) + BitOperations.TrailingZeroCount(word);
                word &= word - 1;
            }
        }
    }
}
