// A port of py-fsrs 6.3.1 (fsrs/scheduler.py, FSRS-6), https://github.com/open-spaced-repetition/py-fsrs,
// Copyright (c) 2022 Open Spaced Repetition, MIT License. The formulas, default parameters, bounds,
// learning steps and fuzz ranges are the reference's; its tests are ported in
// tests/QuestionBank.Core.Tests/Learning/FsrsSchedulerTests.cs. Differences: a New state (py-fsrs starts
// cards in Learning at step 0, which is how New is reviewed here), the clock is always passed in, and
// fuzzing draws from a Random the caller passes (none: no fuzz).

namespace QuestionBank.Core.Learning;

/// <summary>
/// The FSRS-6 spaced-repetition scheduler: given a card and a rating at a moment, the card's next
/// state, stability, difficulty and due time. Pure: it reads no clock and keeps no state, so one
/// instance serves every learner.
/// </summary>
public sealed class FsrsScheduler
{
    private const double StabilityMin = 0.001;
    private const double MinDifficulty = 1.0;
    private const double MaxDifficulty = 10.0;

    private static readonly double[] LowerBounds =
    [
        StabilityMin, StabilityMin, StabilityMin, StabilityMin, 1.0, 0.001, 0.001, 0.001, 0.0, 0.0, 0.001,
        0.001, 0.001, 0.001, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.1,
    ];

    private static readonly double[] UpperBounds =
    [
        100.0, 100.0, 100.0, 100.0, 10.0, 4.0, 4.0, 0.75, 4.5, 0.8, 3.5, 5.0, 0.25, 0.9, 4.0, 1.0, 6.0, 2.0, 2.0, 0.8, 0.8,
    ];

    private static readonly (double Start, double End, double Factor)[] FuzzRanges =
    [
        (2.5, 7.0, 0.15),
        (7.0, 20.0, 0.1),
        (20.0, double.PositiveInfinity, 0.05),
    ];

    private readonly double[] w;
    private readonly double decay;
    private readonly double factor;
    private readonly Random? fuzz;

    /// <summary>A scheduler with <paramref name="options"/> (the defaults when null).</summary>
    /// <param name="options">Parameters, desired retention, steps and maximum interval.</param>
    /// <param name="fuzz">Draws the fuzz of review intervals (±a few days, as Anki does); null schedules without fuzz.</param>
    /// <exception cref="ArgumentException">The parameters are not 21 or one is out of its bounds.</exception>
    public FsrsScheduler(FsrsOptions? options = null, Random? fuzz = null)
    {
        Options = options ?? new FsrsOptions();
        w = [.. Options.Parameters];
        Validate(w);
        if (Options.DesiredRetention is <= 0 or >= 1)
        {
            throw new ArgumentException("The desired retention must lie between 0 and 1.", nameof(options));
        }

        decay = -w[20];
        factor = Math.Pow(0.9, 1 / decay) - 1;
        this.fuzz = fuzz;
    }

    /// <summary>The settings this scheduler uses.</summary>
    public FsrsOptions Options { get; }

    /// <summary>The predicted probability that the card is recalled at <paramref name="now"/>; 0 for a card never reviewed.</summary>
    public double Retrievability(FsrsCard card, DateTimeOffset now)
    {
        if (card.LastReview is not { } lastReview || card.Stability is not { } stability)
        {
            return 0;
        }

        var elapsedDays = Math.Max(0, WholeDays(now - lastReview));
        return Math.Pow(1 + factor * elapsedDays / stability, decay);
    }

    /// <summary>The card after it was rated <paramref name="rating"/> at <paramref name="now"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rating or the card's state is not one FSRS knows.</exception>
    public FsrsCard Review(FsrsCard card, Rating rating, DateTimeOffset now)
    {
        if (!Enum.IsDefined(rating))
        {
            throw new ArgumentOutOfRangeException(nameof(rating), rating, "A rating is 1 (Again) to 4 (Easy).");
        }

        int? daysSinceLastReview = card.LastReview is { } last ? WholeDays(now - last) : null;
        var sameDay = daysSinceLastReview is < 1;
        var (stability, difficulty) = NextMemory(card, rating, now, sameDay);
        var reviewed = card with { Stability = stability, Difficulty = difficulty, LastReview = now };

        var (next, interval) = card.State switch
        {
            CardState.New => Step(reviewed with { State = CardState.Learning, Step = 0 }, rating, Options.LearningSteps),
            CardState.Learning => Step(reviewed, rating, Options.LearningSteps),
            CardState.Relearning => Step(reviewed, rating, Options.RelearningSteps),
            CardState.Review when rating == Rating.Again && Options.RelearningSteps.Count > 0 =>
                (reviewed with { State = CardState.Relearning, Step = 0 }, Options.RelearningSteps[0]),
            CardState.Review => (reviewed, TimeSpan.FromDays(NextInterval(stability))),
            _ => throw new ArgumentOutOfRangeException(nameof(card), card.State, "Unknown card state."),
        };

        if (fuzz is not null && next.State == CardState.Review)
        {
            interval = Fuzzed(interval, fuzz);
        }

        return next with { Due = now + interval };
    }

    private (double Stability, double Difficulty) NextMemory(FsrsCard card, Rating rating, DateTimeOffset now, bool sameDay)
    {
        if (card.Stability is not { } stability || card.Difficulty is not { } difficulty)
        {
            return (InitialStability(rating), ClampDifficulty(InitialDifficulty(rating)));
        }

        var nextStability = sameDay
            ? ShortTermStability(stability, rating)
            : NextStability(difficulty, stability, Retrievability(card, now), rating);
        return (nextStability, NextDifficulty(difficulty, rating));
    }

    /// <summary>A learning or relearning card's next step; past the last step it graduates to review.</summary>
    private (FsrsCard Card, TimeSpan Interval) Step(FsrsCard card, Rating rating, IReadOnlyList<TimeSpan> steps)
    {
        var step = card.Step ?? 0;
        // The card may come from a scheduler with more steps than this one.
        var graduates = steps.Count == 0
            || (step >= steps.Count && rating != Rating.Again)
            || rating == Rating.Easy
            || (rating == Rating.Good && step + 1 == steps.Count);
        if (graduates)
        {
            return (card with { State = CardState.Review, Step = null }, TimeSpan.FromDays(NextInterval(card.Stability!.Value)));
        }

        return rating switch
        {
            Rating.Again => (card with { Step = 0 }, steps[0]),
            Rating.Hard when step == 0 => (card, steps.Count == 1 ? steps[0] * 1.5 : (steps[0] + steps[1]) / 2.0),
            Rating.Hard => (card, steps[step]),
            _ => (card with { Step = step + 1 }, steps[step + 1]),
        };
    }

    private int NextInterval(double stability)
    {
        var interval = stability / factor * (Math.Pow(Options.DesiredRetention, 1 / decay) - 1);
        // Whole days, at least one, at most the maximum; Math.Round rounds half to even as Python's round does.
        return Math.Min(Math.Max((int)Math.Round(interval), 1), Options.MaximumInterval);
    }

    private double InitialStability(Rating rating) => Math.Max(w[(int)rating - 1], StabilityMin);

    private double InitialDifficulty(Rating rating) => w[4] - Math.Exp(w[5] * ((int)rating - 1)) + 1;

    private static double ClampDifficulty(double difficulty) => Math.Clamp(difficulty, MinDifficulty, MaxDifficulty);

    private double ShortTermStability(double stability, Rating rating)
    {
        var increase = Math.Exp(w[17] * ((int)rating - 3 + w[18])) * Math.Pow(stability, -w[19]);
        if (rating is Rating.Good or Rating.Easy)
        {
            increase = Math.Max(increase, 1.0);
        }

        return Math.Max(stability * increase, StabilityMin);
    }

    private double NextDifficulty(double difficulty, Rating rating)
    {
        var delta = -(w[6] * ((int)rating - 3));
        var damped = difficulty + (10.0 - difficulty) * delta / 9.0;
        // Mean reversion towards the initial difficulty of an Easy first rating.
        return ClampDifficulty(w[7] * InitialDifficulty(Rating.Easy) + (1 - w[7]) * damped);
    }

    private double NextStability(double difficulty, double stability, double retrievability, Rating rating)
    {
        var next = rating == Rating.Again
            ? Math.Min(
                w[11] * Math.Pow(difficulty, -w[12]) * (Math.Pow(stability + 1, w[13]) - 1) * Math.Exp((1 - retrievability) * w[14]),
                stability / Math.Exp(w[17] * w[18]))
            : stability * (1 + Math.Exp(w[8]) * (11 - difficulty) * Math.Pow(stability, -w[9])
                * (Math.Exp((1 - retrievability) * w[10]) - 1)
                * (rating == Rating.Hard ? w[15] : 1)
                * (rating == Rating.Easy ? w[16] : 1));
        return Math.Max(next, StabilityMin);
    }

    private TimeSpan Fuzzed(TimeSpan interval, Random random)
    {
        var days = interval.Days;
        if (days < 2.5)
        {
            return interval;
        }

        var delta = 1.0 + FuzzRanges.Sum(r => r.Factor * Math.Max(Math.Min(days, r.End) - r.Start, 0.0));
        var max = Math.Min((int)Math.Round(days + delta), Options.MaximumInterval);
        var min = Math.Min(Math.Max(2, (int)Math.Round(days - delta)), max);
        var fuzzed = random.NextDouble() * (max - min + 1) + min;
        return TimeSpan.FromDays(Math.Min((int)Math.Round(fuzzed), Options.MaximumInterval));
    }

    /// <summary>Whole days between two moments, rounded down as Python's <c>timedelta.days</c> does.</summary>
    private static int WholeDays(TimeSpan span) => (int)Math.Floor(span.TotalDays);

    private static void Validate(double[] parameters)
    {
        if (parameters.Length != LowerBounds.Length)
        {
            throw new ArgumentException($"Expected {LowerBounds.Length} parameters, got {parameters.Length}.", nameof(parameters));
        }

        var outOfBounds = parameters
            .Select((value, index) => (value, index))
            .Where(p => p.value < LowerBounds[p.index] || p.value > UpperBounds[p.index])
            .Select(p => $"parameters[{p.index}] = {p.value} is out of bounds ({LowerBounds[p.index]}, {UpperBounds[p.index]})")
            .ToList();
        if (outOfBounds.Count > 0)
        {
            throw new ArgumentException("One or more parameters are out of bounds: " + string.Join("; ", outOfBounds), nameof(parameters));
        }
    }
}
