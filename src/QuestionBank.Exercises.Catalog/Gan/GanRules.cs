namespace QuestionBank.Exercises.Gan;

/// <summary>What the gan judge uses and the exercise's summary states.</summary>
public static class GanRules
{
    /// <summary>The size of the noise vector the judge feeds the generator.</summary>
    public const int LatentSize = 64;

    /// <summary>How many digits the judge draws from the generator.</summary>
    public const int Samples = 1000;

    /// <summary>The class probability at which the judge's classifier counts a digit as confidently drawn.</summary>
    public const double Confidence = 0.9;
}
