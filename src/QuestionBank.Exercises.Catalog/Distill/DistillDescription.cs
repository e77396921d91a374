namespace QuestionBank.Exercises.Distill;

/// <summary>Distill a trained CNN (the teacher) into a student a tenth of its size.</summary>
public sealed class DistillDescription : ExerciseDescription
{
    /// <summary>How many of the 8,000 training digits come with their labels; the others are images only.</summary>
    public const int LabelledCount = 1000;

    public override string Id => "distill";

    public override IReadOnlyList<string> QuestionKeywords => ["蒸馏", "Distillation", "distillation"];

    public override string Title => "Knowledge distillation: a student a tenth the size of the teacher";

    public override string Summary =>
        "ctx.LoadPretrained() gives the teacher, a trained DigitNet of about 215,000 parameters. ctx.Mnist holds only " +
        $"{LabelledCount:N0} labelled training digits; ctx.UnlabelledImages the other {8000 - LabelledCount:N0}, without labels. " +
        "Train a student DigitNet with at most a tenth of the teacher's parameters (e.g. new DigitNet(8, 16, 24, 3, 3)) " +
        "on the teacher's softened outputs for all the images as well as on the labels you have, and Submit it. " +
        "The judge counts the student's parameters from its submitted weights and runs its own copy on 2,000 held-out digits.";

    public override ExerciseParameters Defaults => new(Epochs: 4, LearningRate: 0.005, BatchSize: 128, Seed: 1);

    public override ParameterLimits Limits => new(MaxEpochs: 10, 1e-5, 0.05, MinBatchSize: 16, MaxBatchSize: 512);

    public override IReadOnlyList<MetricGoal> Goals => [new("parameter_ratio", Maximum: 0.1), new("test_accuracy", Minimum: 0.95)];
}
