namespace QuestionBank.Core.Learning;

/// <summary>The settings of an <see cref="FsrsScheduler"/>; the defaults are the reference implementation's.</summary>
public sealed record FsrsOptions
{
    /// <summary>The 21 FSRS-6 default model weights (py-fsrs 6.3.1 <c>DEFAULT_PARAMETERS</c>).</summary>
    public static readonly IReadOnlyList<double> DefaultParameters =
    [
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    ];

    /// <summary>The model weights w0…w20.</summary>
    public IReadOnlyList<double> Parameters { get; init; } = DefaultParameters;

    /// <summary>The recall probability at which a review card falls due; 0.9 by default.</summary>
    public double DesiredRetention { get; init; } = 0.9;

    /// <summary>The steps of a card in learning; 1 and 10 minutes by default.</summary>
    public IReadOnlyList<TimeSpan> LearningSteps { get; init; } = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10)];

    /// <summary>The steps of a card after a lapse; 10 minutes by default.</summary>
    public IReadOnlyList<TimeSpan> RelearningSteps { get; init; } = [TimeSpan.FromMinutes(10)];

    /// <summary>The longest interval in days; 36,500 by default.</summary>
    public int MaximumInterval { get; init; } = 36_500;
}
