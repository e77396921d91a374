using System.Text;

namespace QuestionBank.Exercises.Words;

/// <summary>
/// Reads and writes the words that scripts/words-to-tsv.mjs wrote (a "language index, tab, word"
/// line per word, grouped by language). The first <see cref="SplitPerLanguage"/> words of each
/// language are split into training and held-out words after a shuffle with a fixed seed, so every
/// run trains on the same words; the held-out ones and all the language's further words are the
/// pool from which each run's judge draws its <see cref="HeldOutPerLanguage"/> held-out words.
/// </summary>
public static class WordList
{
    /// <summary>The words and the pool; the name changed when the pool was added, so older sandbox homes prepare it anew.</summary>
    public const string FileName = "words-pool.tsv";
    public const int TrainPerLanguage = 2000;
    public const int SplitPerLanguage = 2500;
    public const int HeldOutPerLanguage = 500;

    /// <summary>The languages in label order: the order of the lists in scripts/words-to-tsv.mjs.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["English", "German", "French", "Spanish", "Italian", "Portuguese", "Dutch"];

    private const int SplitSeed = 20_241_126;

    public static IReadOnlyList<LabelledWord> Read(byte[] file)
    {
        var words = new List<LabelledWord>();
        foreach (var line in Encoding.UTF8.GetString(file).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.IndexOf('\t');
            if (tab < 0 || !int.TryParse(line.AsSpan(0, tab), out var language) || language < 0 || language >= Languages.Count)
            {
                throw new InvalidDataException($"{FileName} has a malformed line; run scripts/prepare-sandbox.sh again.");
            }
            words.Add(new LabelledWord(line[(tab + 1)..], language));
        }
        return words;
    }

    /// <summary>
    /// The training words (<see cref="TrainPerLanguage"/> of each language) and the pool of held-out words:
    /// the rest of each language's first <see cref="SplitPerLanguage"/> and all its further words.
    /// </summary>
    public static (IReadOnlyList<LabelledWord> Train, IReadOnlyList<LabelledWord> Pool) Split(IReadOnlyList<LabelledWord> all)
    {
        var seen = new int[Languages.Count];
        var split = all.Where(word => seen[word.Language]++ < SplitPerLanguage).ToList();
        var order = Enumerable.Range(0, split.Count).ToArray();
        new Random(SplitSeed).Shuffle(order);
        var trainCounts = new int[Languages.Count];
        var train = new List<LabelledWord>();
        var pool = new List<LabelledWord>();
        foreach (var index in order)
        {
            var word = split[index];
            (trainCounts[word.Language]++ < TrainPerLanguage ? train : pool).Add(word);
        }
        seen = new int[Languages.Count];
        pool.AddRange(all.Where(word => seen[word.Language]++ >= SplitPerLanguage));
        if (seen.Any(count => count < SplitPerLanguage))
        {
            throw new InvalidDataException($"{FileName} has too few words of some language; run scripts/prepare-sandbox.sh again.");
        }
        return (train, pool);
    }

    /// <summary><see cref="HeldOutPerLanguage"/> words of each language from <paramref name="pool"/>, drawn with <paramref name="random"/>.</summary>
    public static IReadOnlyList<LabelledWord> Draw(IReadOnlyList<LabelledWord> pool, Random random) =>
        [.. pool.GroupBy(word => word.Language).SelectMany(language =>
        {
            var words = language.ToArray();
            random.Shuffle(words);
            return words.Take(HeldOutPerLanguage);
        })];

    public static byte[] Write(IEnumerable<LabelledWord> words) =>
        Encoding.UTF8.GetBytes(string.Concat(words.Select(word => $"{word.Language}\t{word.Text}\n")));
}

/// <summary>A word and the index of its language in <see cref="WordList.Languages"/>.</summary>
public sealed record LabelledWord(string Text, int Language);
