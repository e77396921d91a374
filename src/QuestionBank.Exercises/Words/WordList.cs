using System.Text;

namespace QuestionBank.Exercises.Words;

/// <summary>
/// Reads and writes the words that scripts/words-to-tsv.mjs wrote (a "language index, tab, word"
/// line per word) and splits them, per language, into training and held-out words after a shuffle
/// with a fixed seed, so every run trains on the same words and every judge holds out the same ones.
/// </summary>
public static class WordList
{
    public const string FileName = "words.tsv";
    public const int TrainPerLanguage = 2000;

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

    /// <summary>The training words (<see cref="TrainPerLanguage"/> of each language) and the held-out rest.</summary>
    public static (IReadOnlyList<LabelledWord> Train, IReadOnlyList<LabelledWord> Test) Split(IReadOnlyList<LabelledWord> all)
    {
        var order = Enumerable.Range(0, all.Count).ToArray();
        new Random(SplitSeed).Shuffle(order);
        var trainCounts = new int[Languages.Count];
        var train = new List<LabelledWord>();
        var test = new List<LabelledWord>();
        foreach (var index in order)
        {
            var word = all[index];
            (trainCounts[word.Language]++ < TrainPerLanguage ? train : test).Add(word);
        }
        if (test.Count == 0 || trainCounts.Any(count => count <= TrainPerLanguage))
        {
            throw new InvalidDataException($"{FileName} has too few words of some language; run scripts/prepare-sandbox.sh again.");
        }
        return (train, test);
    }

    public static byte[] Write(IEnumerable<LabelledWord> words) =>
        Encoding.UTF8.GetBytes(string.Concat(words.Select(word => $"{word.Language}\t{word.Text}\n")));
}

/// <summary>A word and the index of its language in <see cref="WordList.Languages"/>.</summary>
public sealed record LabelledWord(string Text, int Language);
