using QuestionBank.Exercises.Catalog;
using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Words;

/// <summary>
/// Tell a word's language from its letters: the data and judge of both the transformer and the
/// rnn-classify exercises, which differ in the model their pages ask for and in their goals.
/// </summary>
public sealed class WordLanguageExercise(ExerciseDescription description) : Exercise
{
    public override ExerciseDescription Description { get; } = description;

    public override IReadOnlyList<string> DataFiles => [WordList.FileName];

    public override ExerciseJudge CreateJudge(IReadOnlyDictionary<string, byte[]> dataFiles)
    {
        var (train, pool) = WordList.Split(WordList.Read(RequireFile(dataFiles, WordList.FileName)));
        return new WordLanguageJudge(train, WordList.Draw(pool, SecretRandom.Create()));
    }

    public override object LoadTraining(IReadOnlyDictionary<string, byte[]> trainingFiles) =>
        new WordsData(WordList.Read(RequireFile(trainingFiles, WordList.FileName)));
}
