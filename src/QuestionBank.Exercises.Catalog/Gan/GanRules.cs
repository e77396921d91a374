namespace QuestionBank.Exercises.Catalog.Gan;

/// <summary>What the gan judge uses and the exercise's summary states.</summary>
public static class GanRules
{
    /// <summary>The size of the noise vector the judge feeds the generator.</summary>
    public const int LatentSize = 64;

    /// <summary>How many digits the judge draws from the generator.</summary>
    public const int Samples = 1000;

    /// <summary>The class probability at which the judge's classifier counts a digit as confidently drawn.</summary>
    public const double Confidence = 0.9;

    /// <summary>
    /// A sample nearer than this to a real digit (in <c>DigitSignatures</c>' distance, 0 to 2) is a copy. Of
    /// the held-out MNIST digits, 2–3 % are this near a training digit; of copies with noise of σ 0.1, or
    /// moved 2 pixels and blurred, most are.
    /// </summary>
    public const float CopyDistance = 0.1f;

    /// <summary>A sample nearer than this to an earlier sample is a duplicate (no two of 1,000 held-out MNIST digits are).</summary>
    public const float DuplicateDistance = 0.08f;
}
