namespace QuestionBank.Core.Learning;

/// <summary>Where a card is in its life: never seen, in its first steps, on a schedule of days, or relearning after a lapse.</summary>
public enum CardState
{
    /// <summary>Never reviewed.</summary>
    New = 0,

    /// <summary>Being learned through the short learning steps (minutes).</summary>
    Learning = 1,

    /// <summary>Scheduled in whole days by its stability.</summary>
    Review = 2,

    /// <summary>Forgotten in review, going through the relearning steps.</summary>
    Relearning = 3,
}

/// <summary>How well the learner recalled the answer; the values are FSRS's (1–4).</summary>
public enum Rating
{
    /// <summary>Forgot.</summary>
    Again = 1,

    /// <summary>Recalled with serious difficulty.</summary>
    Hard = 2,

    /// <summary>Recalled after some hesitation.</summary>
    Good = 3,

    /// <summary>Recalled at once.</summary>
    Easy = 4,
}
