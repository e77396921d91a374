using QuestionBank.Exercises.Catalog;
using QuestionBank.Exercises.Compression;
using QuestionBank.Exercises.Judging;

namespace QuestionBank.Exercises.Tests.Judging;

/// <summary>
/// The prune, quantize and distill judges with crafted states: they judge the submitted tensors with
/// their own evaluator, never the model's forward, and reject any state that is not exactly a network
/// of the family.
/// </summary>
public sealed class CompressionJudgeTests
{
    private static readonly byte[] Mnist = SyntheticDigits.File(10_000);
    private static readonly List<StateTensor> PretrainedTensors = Network(value: i => 0.01f * (i % 7 + 1));

    [Fact]
    public async Task ThePruneJudgeCountsTheZerosOfTheSubmittedWeightsAndRunsThemInItsOwnEvaluator()
    {
        var submitted = Network(value: i => i % 20 == 0 ? 0.5f : 0);
        var judge = Judge("prune");
        var model = ModelAnswering(submitted, PerfectUnderTheRunsNames(judge));

        var verdict = await judge.JudgeAsync(model.Tools, CancellationToken.None);

        var weights = submitted.Where(tensor => tensor.Name.EndsWith(".weight", StringComparison.Ordinal)).ToList();
        var zeros = weights.Sum(tensor => tensor.ToFloats().Count(value => value == 0));
        Assert.Equal((double)zeros / weights.Sum(tensor => tensor.ElementCount), verdict.Metrics["sparsity"]);
        Assert.InRange(verdict.Metrics["sparsity"], 0.94, 0.96);
        Assert.Equal(1.0, verdict.Metrics["test_accuracy"]);
        var evaluated = Assert.Single(model.EvaluatedNetworks);
        Assert.All(submitted, tensor => Assert.Equal(tensor.Data, evaluated.Weights.Find(tensor.Name)!.Data));
        Assert.Empty(model.Questions);
    }

    [Fact]
    public async Task AModelWhoseForwardDisagreesWithItsWeightsIsScoredOnItsWeights()
    {
        // Its forward answers every held-out digit right, with some dense network the state does not hold.
        var judge = Judge("prune");
        var perfect = PerfectUnderTheRunsNames(judge);
        var model = ModelAnswering(Network(value: _ => 0), (network, pixels, count) => network.ZeroWeights == network.WeightCount
            ? new float[count * 10]
            : perfect(network, pixels, count));

        var verdict = await judge.JudgeAsync(model.Tools, CancellationToken.None);

        // All-zero weights score every digit the same: only the digits the run names 0 (about a tenth) are right.
        Assert.Equal(ShareNamedZero(judge), verdict.Metrics["test_accuracy"]);
        Assert.Equal(1.0, verdict.Metrics["sparsity"]);
        Assert.Empty(model.Questions);
    }

    [Fact]
    public async Task AHiddenDenseTensorBesideSparseWeightsIsRejected()
    {
        var state = Network(value: i => i % 20 == 0 ? 0.5f : 0);
        state.Add(StateTensor.FromFloats("hidden.weight", Enumerable.Repeat(0.3f, 128 * 1568).ToArray(), [128, 1568]));

        var problem = await Assert.ThrowsAsync<JudgeException>(() => Judge("prune").JudgeAsync(ModelAnswering(state).Tools, CancellationToken.None));

        Assert.Contains("hidden.weight", problem.Message);
    }

    public static TheoryData<string> WrongStates => new()
    {
        "missing bias", "int8 bias", "int8 weight without scale", "scale of float weight", "7x7 kernel",
        "conv2 inputs differ from conv1 outputs", "fc1 inputs differ from conv2 outputs", "11 classes", "too wide", "scale per weight",
        "negative scale",
    };

    [Theory]
    [MemberData(nameof(WrongStates))]
    public async Task AStateWithAWrongNameShapeOrTypeIsRejected(string wrong)
    {
        var state = Network();
        switch (wrong)
        {
            case "missing bias":
                state.RemoveAll(tensor => tensor.Name == "fc2.bias");
                break;
            case "int8 bias":
                Replace(state, new StateTensor("fc1.bias", StateType.Int8, [128], new byte[128]));
                break;
            case "int8 weight without scale":
                Replace(state, new StateTensor("fc2.weight", StateType.Int8, [10, 128], new byte[1280]));
                break;
            case "scale of float weight":
                state.Add(StateTensor.FromFloats("fc2.scale", new float[10], [10]));
                break;
            case "7x7 kernel":
                state = Network(kernel1: 7);
                break;
            case "conv2 inputs differ from conv1 outputs":
                Replace(state, StateTensor.FromFloats("conv2.weight", new float[32 * 8 * 25], [32, 8, 5, 5]));
                break;
            case "fc1 inputs differ from conv2 outputs":
                Replace(state, StateTensor.FromFloats("fc1.weight", new float[128 * 784], [128, 784]));
                break;
            case "11 classes":
                Replace(state, StateTensor.FromFloats("fc2.weight", new float[11 * 128], [11, 128]));
                break;
            case "too wide":
                state = Network(conv1: 65);
                break;
            case "scale per weight":
                Replace(state, new StateTensor("fc2.weight", StateType.Int8, [10, 128], new byte[1280]));
                state.Add(StateTensor.FromFloats("fc2.scale", new float[1280], [10, 128]));
                break;
            case "negative scale":
                Replace(state, new StateTensor("fc2.weight", StateType.Int8, [10, 128], new byte[1280]));
                state.Add(StateTensor.FromFloats("fc2.scale", Enumerable.Repeat(-0.1f, 10).ToArray(), [10]));
                break;
        }
        var model = ModelAnswering(state);

        await Assert.ThrowsAsync<JudgeException>(() => Judge("prune").JudgeAsync(model.Tools, CancellationToken.None));
        Assert.Empty(model.EvaluatedNetworks);
    }

    [Fact]
    public async Task ThePruneJudgeRejectsANetworkOfAnotherShapeThanThePretrainedOne()
    {
        var problem = await Assert.ThrowsAsync<JudgeException>(
            () => Judge("prune").JudgeAsync(ModelAnswering(Network(8, 16, 24, 3, 3)).Tools, CancellationToken.None));

        Assert.Contains("keeps the pretrained network's shape", problem.Message);
    }

    [Theory]
    [InlineData("conv1.weight", float.NaN)]
    [InlineData("fc1.bias", float.PositiveInfinity)]
    [InlineData("fc2.scale", float.NaN)]
    public async Task AStateHoldingAValueThatIsNotFiniteIsRejected(string name, float value)
    {
        var state = Network();
        if (name.EndsWith(".scale", StringComparison.Ordinal))
        {
            Replace(state, new StateTensor("fc2.weight", StateType.Int8, [10, 128], new byte[1280]));
            state.Add(StateTensor.FromFloats(name, Enumerable.Repeat(value, 10).ToArray(), [10]));
        }
        else
        {
            var tensor = state.Single(tensor => tensor.Name == name);
            var values = tensor.ToFloats();
            values[values.Length / 2] = value;
            Replace(state, StateTensor.FromFloats(name, values, tensor.Shape));
        }

        var problem = await Assert.ThrowsAsync<JudgeException>(() => Judge("prune").JudgeAsync(ModelAnswering(state).Tools, CancellationToken.None));

        Assert.Contains("not finite", problem.Message);
    }

    public static TheoryData<string> MalformedStates => new()
    {
        "too big", "truncated", "trailing bytes", "duplicate name", "bad name", "rank 0", "rank 5", "unknown type", "no tensors", "65 tensors",
    };

    [Theory]
    [MemberData(nameof(MalformedStates))]
    public void AStateThatIsTooBigOrMalformedIsRejectedBeforeAnythingReadsIt(string malformed)
    {
        var network = new ModelState(Network()).ToBytes();
        var bytes = malformed switch
        {
            "too big" => new ModelState([StateTensor.FromFloats("fc1.weight", new float[600_000], [600_000])]).ToBytes(),
            "truncated" => network[..^1],
            "trailing bytes" => [.. network, 0],
            "duplicate name" => new ModelState([.. Network(), Network()[0]]).ToBytes(),
            "bad name" => new ModelState([StateTensor.FromFloats("../fc1", new float[4], [4])]).ToBytes(),
            "rank 0" => new ModelState([StateTensor.FromFloats("x", [1], [])]).ToBytes(),
            "rank 5" => new ModelState([StateTensor.FromFloats("x", [1], [1, 1, 1, 1, 1])]).ToBytes(),
            "unknown type" => new ModelState([new StateTensor("x", (StateType)7, [4], new byte[4])]).ToBytes(),
            "no tensors" => new ModelState([]).ToBytes(),
            _ => new ModelState([.. Enumerable.Range(0, 65).Select(i => StateTensor.FromFloats($"t{i}", [1], [1]))]).ToBytes(),
        };

        Assert.Throws<JudgeException>(() => ModelState.Parse(bytes));
    }

    [Fact]
    public async Task TheQuantizeJudgeSumsTheSubmittedBytesAndRunsTheDequantisedWeightsAgainstTheFloatNetwork()
    {
        var state = Quantised(Network());
        var pretrainedWeight = PretrainedTensors.Single(tensor => tensor.Name == "conv1.weight").Data;
        var judge = Judge("quantize");
        var perfect = PerfectUnderTheRunsNames(judge);
        // The float network knows every digit; the quantised one only those the run names 0.
        var model = ModelAnswering(state, (network, pixels, count) => network.Weights.Find("conv1.weight")!.Data.SequenceEqual(pretrainedWeight)
            ? perfect(network, pixels, count)
            : new float[count * 10]);

        var verdict = await judge.JudgeAsync(model.Tools, CancellationToken.None);

        var submittedBytes = state.Sum(tensor => tensor.Data.Length);
        Assert.Equal(submittedBytes, verdict.Metrics["size_bytes"]);
        Assert.Equal(PretrainedTensors.Sum(tensor => tensor.ElementCount) * 4.0 / submittedBytes, verdict.Metrics["compression_ratio"]);
        Assert.InRange(verdict.Metrics["compression_ratio"], 3.9, 4);
        Assert.Equal(1.0, verdict.Metrics["float_accuracy"]);
        Assert.Equal(1 - ShareNamedZero(judge), verdict.Metrics["accuracy_drop"], 9);
        var conv2 = model.EvaluatedNetworks[0].Weights.Find("conv2.weight")!.ToFloats();
        var perChannel = 16 * 25;
        Assert.Equal(0.01f * 3 * ((3 * perChannel + 7) % 5 - 2), conv2[3 * perChannel + 7], 6);
        Assert.Empty(model.Questions);
    }

    [Fact]
    public async Task TheQuantizeJudgeFindsAFloatStateNoSmaller()
    {
        var verdict = await Judge("quantize").JudgeAsync(ModelAnswering(Network()).Tools, CancellationToken.None);

        Assert.Equal(1.0, verdict.Metrics["compression_ratio"]);
        Assert.False(ExerciseCatalog.Quantize.MeetsGoals(verdict.Metrics));
    }

    [Fact]
    public async Task TheDistillJudgeCountsTheStudentsParametersFromItsWeights()
    {
        var judge = Judge("distill");
        var model = ModelAnswering(Network(8, 16, 24, 3, 3), PerfectUnderTheRunsNames(judge));

        var verdict = await judge.JudgeAsync(model.Tools, CancellationToken.None);

        // conv 1→8 3×3, conv 8→16 3×3, linear 784→24, linear 24→10, with biases; the teacher has 215,370.
        Assert.Equal(80 + 1168 + 18_840 + 250, verdict.Metrics["parameters"]);
        Assert.Equal(20_338 / 215_370.0, verdict.Metrics["parameter_ratio"]);
        Assert.True(ExerciseCatalog.Distill.MeetsGoals(verdict.Metrics));
        Assert.Empty(model.Questions);
    }

    [Fact]
    public void TheDistillJudgeGivesTheJailTheLabelsOfOnlyAThousandTrainingDigits()
    {
        var files = Judge("distill").TrainingFiles;

        var labelled = MnistFile.Read(files[MnistFile.FileName]);
        var unlabelled = MnistFile.Read(files[PretrainedDigits.UnlabelledFileName]);
        Assert.Equal(1000, labelled.Count);
        Assert.Equal(7000, unlabelled.Count);
        Assert.All(unlabelled.Labels.ToArray(), label => Assert.Equal(0, label));
        // The synthetic digits' first pixel is their label × 20: the images are the real ones, the labels are gone.
        Assert.Contains(Enumerable.Range(0, unlabelled.Count), i => unlabelled.Image(i)[0] > 0);
    }

    [Theory]
    [InlineData("prune")]
    [InlineData("quantize")]
    [InlineData("distill")]
    public void EachRunNamesTheClassesOfItsTrainingLabelsAndItsPretrainedNetworkBySecretPermutationThatMovesEveryClass(string exercise)
    {
        var first = Judge(exercise).TrainingFiles;
        var second = Judge(exercise).TrainingFiles;

        var shown = SyntheticDigits.ShownLabels(first[MnistFile.FileName]);
        Assert.Equal(10, shown.Count);
        Assert.All(shown, pair => Assert.NotEqual(pair.Key, pair.Value));
        // The pretrained network answers as before, under the run's names: its output for digit d is row shown[d] of fc2.
        var pretrained = ModelState.Parse(first[DigitNet.PretrainedFileName]);
        var original = new ModelState(PretrainedTensors);
        Assert.All(PretrainedTensors.Where(tensor => !tensor.Name.StartsWith("fc2.", StringComparison.Ordinal)),
            tensor => Assert.Equal(tensor.Data, pretrained.Find(tensor.Name)!.Data));
        var rows = original.Find("fc2.weight")!.ToFloats().Chunk(128).ToArray();
        var shownRows = pretrained.Find("fc2.weight")!.ToFloats().Chunk(128).ToArray();
        Assert.All(shown, pair => Assert.Equal(rows[pair.Key], shownRows[pair.Value]));
        // Another run names them anew (two draws of the 1,334,961 permutations that move every class agree by chance only rarely).
        Assert.NotEqual(first[DigitNet.PretrainedFileName], second[DigitNet.PretrainedFileName]);
    }

    [Theory]
    [InlineData("prune")]
    [InlineData("quantize")]
    [InlineData("distill")]
    public async Task WeightsThatKnowEveryHeldOutDigitButNotTheRunsNamesScoreNothing(string exercise)
    {
        // Weights made offline from the public digits (a student, a pruned or a quantised copy) name the classes as they
        // are, each goal but accuracy met; the run's pretrained network names them as the run does.
        var state = exercise switch
        {
            "prune" => Network(value: i => i % 20 == 0 ? 0.5f : 0),
            "quantize" => Quantised(Network()),
            _ => Network(8, 16, 24, 3, 3),
        };
        var judge = Judge(exercise);
        var runsPretrained = ModelState.Parse(judge.TrainingFiles[DigitNet.PretrainedFileName]).Find("fc2.weight")!.Data;
        var perfect = PerfectUnderTheRunsNames(judge);
        var model = ModelAnswering(state, (network, pixels, count) => network.Weights.Find("fc2.weight")!.Data.SequenceEqual(runsPretrained)
            ? perfect(network, pixels, count)
            : SyntheticDigits.PerfectScores(pixels, count));

        var verdict = await judge.JudgeAsync(model.Tools, CancellationToken.None);

        Assert.Equal(0, verdict.Metrics["test_accuracy"]);
        Assert.False(ExerciseRegistry.Find(exercise)!.Description.MeetsGoals(verdict.Metrics));
        if (exercise == "quantize")
        {
            Assert.Equal(1, verdict.Metrics["float_accuracy"]);
            Assert.InRange(verdict.Metrics["compression_ratio"], 3.9, 4);
        }
    }

    [Fact]
    public async Task TheDistillJudgeFindsTheTeacherItselfTooBig()
    {
        var verdict = await Judge("distill").JudgeAsync(ModelAnswering(Network()).Tools, CancellationToken.None);

        Assert.Equal(1.0, verdict.Metrics["parameter_ratio"]);
        Assert.False(ExerciseCatalog.Distill.MeetsGoals(verdict.Metrics));
    }

    /// <summary>The share of the held-out digits that <paramref name="judge"/>'s run names 0: the accuracy of a network that always answers 0.</summary>
    private static double ShareNamedZero(ExerciseJudge judge)
    {
        var digit = SyntheticDigits.ShownLabels(judge.TrainingFiles[MnistFile.FileName]).Single(pair => pair.Value == 0).Key;
        var test = MnistFile.Split(MnistFile.Read(Mnist)).Test;
        return (double)test.Labels.Count((byte)digit) / test.Count;
    }

    /// <summary>An evaluator that answers every digit right under the names <paramref name="judge"/>'s run gives the classes.</summary>
    private static Func<DigitNetWeights, float[], int, float[]> PerfectUnderTheRunsNames(ExerciseJudge judge)
    {
        var shown = SyntheticDigits.ShownLabels(judge.TrainingFiles[MnistFile.FileName]);
        return (_, pixels, count) => SyntheticDigits.PerfectScores(pixels, count, label => shown[label]);
    }

    private static ExerciseJudge Judge(string exercise) => ExerciseRegistry.Find(exercise)!.CreateJudge(new Dictionary<string, byte[]>
    {
        [MnistFile.FileName] = Mnist,
        [DigitNet.PretrainedFileName] = new ModelState(PretrainedTensors).ToBytes(),
    });

    /// <summary>A model whose forward would answer every digit right (by its true class), and whose state is <paramref name="state"/>.</summary>
    private static ScriptedModel ModelAnswering(List<StateTensor> state, Func<DigitNetWeights, float[], int, float[]>? evaluate = null) =>
        new(images => new FloatTensor(SyntheticDigits.PerfectScores(images.Data, images.Shape[0]), [images.Shape[0], 10]))
        {
            State = new ModelState(state).ToBytes(),
            Evaluate = evaluate ?? ((_, pixels, count) => SyntheticDigits.PerfectScores(pixels, count)),
        };

    /// <summary>The float32 tensors of a DigitNet with these widths; weights from <paramref name="value"/> (by index), biases 0.1.</summary>
    private static List<StateTensor> Network(int conv1 = 16, int conv2 = 32, int hidden = 128, int kernel1 = 5, int kernel2 = 5, Func<int, float>? value = null)
    {
        value ??= i => 0.01f * (i % 3);
        StateTensor Weight(string name, params int[] shape) => StateTensor.FromFloats(
            name, [.. Enumerable.Range(0, shape.Aggregate(1, (product, size) => product * size)).Select(value)], shape);
        StateTensor Bias(string name, int size) => StateTensor.FromFloats(name, Enumerable.Repeat(0.1f, size).ToArray(), [size]);
        return
        [
            Weight("conv1.weight", conv1, 1, kernel1, kernel1), Bias("conv1.bias", conv1),
            Weight("conv2.weight", conv2, conv1, kernel2, kernel2), Bias("conv2.bias", conv2),
            Weight("fc1.weight", hidden, conv2 * 49), Bias("fc1.bias", hidden),
            Weight("fc2.weight", 10, hidden), Bias("fc2.bias", 10),
        ];
    }

    /// <summary><paramref name="state"/> with int8 weights (i % 5 - 2) and the scale 0.01 × (o + 1) for output channel o.</summary>
    private static List<StateTensor> Quantised(List<StateTensor> state)
    {
        foreach (var name in new[] { "conv1", "conv2", "fc1", "fc2" })
        {
            var weight = state.Single(tensor => tensor.Name == name + ".weight");
            Replace(state, new StateTensor(weight.Name, StateType.Int8, weight.Shape,
                [.. Enumerable.Range(0, (int)weight.ElementCount).Select(i => (byte)(sbyte)(i % 5 - 2))]));
            state.Add(StateTensor.FromFloats(name + ".scale", [.. Enumerable.Range(1, weight.Shape[0]).Select(o => 0.01f * o)], [weight.Shape[0]]));
        }
        return state;
    }

    private static void Replace(List<StateTensor> state, StateTensor tensor) =>
        state[state.FindIndex(existing => existing.Name == tensor.Name)] = tensor;
}
