using QuestionBank.Contracts;
using QuestionBank.Exercises.Catalog;
using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Compression;

/// <summary>
/// An exercise that starts from the pretrained <see cref="DigitNet"/> (trained once by the sandbox with
/// trusted code): user code gets the training digits and its weights, and the judge reads the
/// submitted weights. The prune, quantize and distill exercises differ only in their judges. Each run
/// names the classes by a secret <see cref="LabelPermutation"/>: the training labels, the pretrained
/// network's outputs and the held-out labels the judge scores against, so weights made offline from
/// the public digits (a student, a pruned or quantised copy) name them wrongly.
/// </summary>
public sealed class CompressionExercise(
    ExerciseDescription description, Func<DigitRecords, DigitRecords, byte[], ExerciseJudge> createJudge) : Exercise
{
    public override ExerciseDescription Description { get; } = description;

    public override IReadOnlyList<string> DataFiles => [MnistFile.FileName, DigitNet.PretrainedFileName];

    public override ExerciseJudge CreateJudge(IReadOnlyDictionary<string, byte[]> dataFiles)
    {
        var (train, test) = MnistFile.Split(MnistFile.Read(RequireFile(dataFiles, MnistFile.FileName)));
        var permutation = LabelPermutation.DrawSecret(10);
        var pretrained = DigitNetWeights.WithClassesShown(ModelState.Parse(RequireFile(dataFiles, DigitNet.PretrainedFileName)), permutation);
        byte Shown(byte label) => (byte)permutation.Shown(label);
        return createJudge(train.Relabel(Shown), test.Relabel(Shown), pretrained.ToBytes());
    }

    public override object LoadTraining(IReadOnlyDictionary<string, byte[]> trainingFiles) =>
        new PretrainedDigits(
            MnistFile.Read(RequireFile(trainingFiles, MnistFile.FileName)).ToTensors(),
            RequireFile(trainingFiles, DigitNet.PretrainedFileName),
            trainingFiles.TryGetValue(PretrainedDigits.UnlabelledFileName, out var unlabelled) ? MnistFile.Read(unlabelled).ToTensors().Images : null);
}

/// <summary>
/// The judge of a compression exercise: it hands the jail the training digits (<paramref name="digitFiles"/>)
/// and the pretrained weights, reads the submitted state, and measures it with the trusted evaluator on
/// the held-out digits. Labels and the pretrained network's outputs come named as the run names them.
/// </summary>
internal abstract class CompressionJudge(IReadOnlyDictionary<string, byte[]> digitFiles, DigitRecords test, byte[] pretrained) : ExerciseJudge
{
    public override IReadOnlyDictionary<string, byte[]> TrainingFiles { get; } =
        new Dictionary<string, byte[]>(digitFiles) { [DigitNet.PretrainedFileName] = pretrained };

    protected DigitNetWeights Pretrained { get; } = DigitNetWeights.FromState(ModelState.Parse(pretrained));

    protected DigitRecords Test => test;

    public override async Task<JudgeVerdict> JudgeAsync(JudgeTools tools, CancellationToken cancellationToken)
    {
        var state = await tools.Model.StateAsync(cancellationToken);
        var submitted = DigitNetWeights.FromState(state);
        var accuracy = await submitted.AccuracyAsync(tools.Networks, test, cancellationToken);
        var metrics = new Dictionary<string, double> { ["test_accuracy"] = accuracy };
        await MeasureAsync(state, submitted, metrics, tools, cancellationToken);
        return new JudgeVerdict(metrics, []);
    }

    /// <summary>Adds the exercise's own metrics, from the submitted state and the network it holds.</summary>
    protected abstract Task MeasureAsync(
        ModelState state, DigitNetWeights submitted, Dictionary<string, double> metrics, JudgeTools tools, CancellationToken cancellationToken);

    protected DigitNetWeights RequireShapeOfPretrained(DigitNetWeights submitted) =>
        submitted.HasShapeOf(Pretrained)
            ? submitted
            : throw new JudgeException(RunMessages.NotPretrainedShape.With(submitted.Architecture, Pretrained.Architecture));
}
