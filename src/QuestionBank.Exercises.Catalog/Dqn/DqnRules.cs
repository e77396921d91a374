namespace QuestionBank.Exercises.Catalog.Dqn;

/// <summary>What the dqn judge and environment use and the exercise's summary states.</summary>
public static class DqnRules
{
    /// <summary>How many greedy episodes the judge plays.</summary>
    public const int EvaluationEpisodes = 20;

    /// <summary>The longest CartPole episode: an episode that reaches it is truncated.</summary>
    public const int MaxSteps = 500;
}
