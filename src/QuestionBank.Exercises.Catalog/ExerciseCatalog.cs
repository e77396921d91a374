using QuestionBank.Exercises.Distill;
using QuestionBank.Exercises.Dqn;
using QuestionBank.Exercises.Gan;
using QuestionBank.Exercises.Transfer;

namespace QuestionBank.Exercises;

/// <summary>Every exercise as the pages describe it, by id: each exercise's values stand here and nowhere else.</summary>
public static class ExerciseCatalog
{
    /// <summary>Classify handwritten digits with a convolutional network.</summary>
    public static ExerciseDescription Cnn { get; } = new()
    {
        Id = "cnn",
        QuestionKeywords = ["CNN", "图像分类", "卷积神经网络"],
        Title = "CNN: classify MNIST digits",
        Summary =
            "Train a convolutional network on 8,000 MNIST digits (ctx.Mnist) and Submit it: it maps " +
            "[N, 1, 28, 28] images to [N, 10] class scores. The judge measures accuracy on 2,000 held-out digits.",
        Defaults = new(Epochs: 5, LearningRate: 0.001, BatchSize: 64, Seed: 1),
        Limits = new(MaxEpochs: 10, 1e-5, 0.1, MinBatchSize: 8, MaxBatchSize: 512),
        Goals = [new("test_accuracy", Minimum: 0.97)],
    };

    /// <summary>Forecast the next value of a seasonal time series with an LSTM.</summary>
    public static ExerciseDescription Lstm { get; } = new()
    {
        Id = "lstm",
        QuestionKeywords = ["LSTM", "时间序列", "序列预测"],
        Title = "LSTM: forecast a seasonal time series",
        Summary =
            "Train a recurrent forecaster on the first 1,000 points of a seasonal series with trend and noise " +
            "(ctx.Series) and Submit it: it maps windows [N, 24, 1] to the next value [N, 1]. The judge walks " +
            "it over the held-out last 200 points one window at a time and compares its MSE with the naive last-value forecast.",
        Defaults = new(Epochs: 30, LearningRate: 0.005, BatchSize: 32, Seed: 1),
        Limits = new(MaxEpochs: 100, 1e-5, 0.1, MinBatchSize: 4, MaxBatchSize: 512),
        Goals = [new("mse_ratio", Maximum: 0.2)],
    };

    /// <summary>Generate handwritten digits with a generative adversarial network.</summary>
    public static ExerciseDescription Gan { get; } = new()
    {
        Id = "gan",
        QuestionKeywords = ["GAN", "生成对抗"],
        Title = "GAN: generate MNIST digits",
        Summary =
            "Train a generator and a discriminator on 8,000 MNIST digits (ctx.Mnist) and Submit the generator: " +
            $"it maps noise [N, {GanRules.LatentSize}] to images [N, 1, 28, 28] with pixels in [-1, 1]. The judge draws " +
            $"{GanRules.Samples} digits and classifies them with a reference CNN: at least 80% must be classified with " +
            "confidence ≥ 0.9, covering at least 8 of the 10 digits.",
        Defaults = new(Epochs: 4, LearningRate: 0.0005, BatchSize: 64, Seed: 1),
        Limits = new(MaxEpochs: 60, 1e-5, 0.01, MinBatchSize: 8, MaxBatchSize: 512),
        Goals = [new("confident_fraction", Minimum: 0.8), new("classes_covered", Minimum: 8)],
    };

    /// <summary>Balance a pole on a cart with a deep Q-network.</summary>
    public static ExerciseDescription Dqn { get; } = new()
    {
        Id = "dqn",
        QuestionKeywords = ["DQN", "强化学习"],
        Title = "DQN: balance the CartPole",
        Summary =
            "Train a deep Q-network (replay buffer, target network, ε-greedy exploration) on CartPole " +
            "(ctx.CreateCartPole()) and Submit the Q-network: it maps states [N, 4] to action values [N, 2]. " +
            $"The judge plays {DqnRules.EvaluationEpisodes} greedy episodes of at most {DqnRules.MaxSteps} steps and reports the mean return.",
        // For this exercise an epoch is one training episode.
        Defaults = new(Epochs: 400, LearningRate: 0.001, BatchSize: 64, Seed: 1),
        Limits = new(MaxEpochs: 600, 1e-5, 0.05, MinBatchSize: 8, MaxBatchSize: 512),
        Goals = [new("eval_mean_return", Minimum: 195)],
    };

    /// <summary>Tell a word's language from its letters with a small Transformer encoder.</summary>
    public static ExerciseDescription Transformer { get; } = new()
    {
        Id = "transformer",
        QuestionKeywords = ["Transformer", "transformers"],
        Title = "Transformer: tell a word's language from its letters",
        Summary =
            "Train a Transformer encoder (character embedding, positional encoding, self-attention layers, " +
            "pooling over the letters, a classifier) on 14,000 words of Debian's word lists in seven languages " +
            "(ctx.Words) and Submit it: it maps [N, 16] letter codes (0 = padding) to [N, 7] language scores. " +
            "The judge measures accuracy on 3,500 held-out words; counting letters alone reaches about 0.5.",
        Defaults = new(Epochs: 10, LearningRate: 0.003, BatchSize: 128, Seed: 1),
        Limits = new(MaxEpochs: 30, 1e-5, 0.1, MinBatchSize: 8, MaxBatchSize: 512),
        Goals = [new("test_accuracy", Minimum: 0.70)],
    };

    /// <summary>Tell a word's language from its letters with a recurrent network.</summary>
    public static ExerciseDescription RnnClassify { get; } = new()
    {
        Id = "rnn-classify",
        // "RNN" alone stays with the lstm forecasting exercise; a classification question says so.
        QuestionKeywords = ["序列分类", "sequence classification"],
        Title = "RNN: classify sequences (a word's language from its letters)",
        Summary =
            "Train a recurrent classifier (RNN, GRU or LSTM over character embeddings) on 14,000 words of " +
            "Debian's word lists in seven languages (ctx.Words) and Submit it: it maps [N, 16] letter codes " +
            "(0 = padding) to [N, 7] language scores. The judge measures accuracy on 3,500 held-out words; " +
            "counting letters alone reaches about 0.5.",
        Defaults = new(Epochs: 6, LearningRate: 0.003, BatchSize: 64, Seed: 1),
        Limits = new(MaxEpochs: 30, 1e-5, 0.1, MinBatchSize: 8, MaxBatchSize: 512),
        Goals = [new("test_accuracy", Minimum: 0.75)],
    };

    /// <summary>Prune a trained CNN to mostly zero weights and fine-tune it.</summary>
    public static ExerciseDescription Prune { get; } = new()
    {
        Id = "prune",
        QuestionKeywords = ["剪枝", "Pruning", "pruning"],
        Title = "Pruning: 90% zero weights, accuracy kept",
        Summary =
            "ctx.LoadPretrained() gives a trained DigitNet (two convolutions, two linear layers, about 215,000 weights); " +
            "ctx.Mnist holds the 8,000 training digits. Prune it by weight magnitude so that at least 90% of the " +
            "convolution and linear weights are zero, fine-tune the rest with the pruned weights held at zero, and Submit " +
            "it. The judge reads the submitted weights (not your forward): it counts their zeros and runs its own copy of " +
            "the network on 2,000 held-out digits.",
        Defaults = new(Epochs: 3, LearningRate: 0.001, BatchSize: 64, Seed: 1),
        Limits = new(MaxEpochs: 8, 1e-5, 0.05, MinBatchSize: 16, MaxBatchSize: 512),
        Goals = [new("sparsity", Minimum: 0.90), new("test_accuracy", Minimum: 0.96)],
    };

    /// <summary>Quantize a trained CNN's weights to int8 with a scale per output channel.</summary>
    public static ExerciseDescription Quantize { get; } = new()
    {
        Id = "quantize",
        QuestionKeywords = ["量化", "Quantization", "quantization"],
        Title = "Quantization: int8 weights, 3 times smaller",
        Summary =
            "ctx.LoadPretrained() gives a trained float32 DigitNet. Quantize each convolution and linear weight to int8 " +
            "(sbyte) with a float32 scale per output channel, keep the biases in float32, and Submit a module whose " +
            "state holds conv1.weight (int8), conv1.scale, conv1.bias, … fc2.bias. The judge sums the bytes of the " +
            "submitted tensors (compression_ratio ≥ 3 against the float32 network) and runs its own dequantised copy " +
            "on 2,000 held-out digits: accuracy_drop against the float32 network at most 0.01.",
        Defaults = new(Epochs: 1, LearningRate: 0.001, BatchSize: 64, Seed: 1),
        Limits = new(MaxEpochs: 5, 1e-5, 0.05, MinBatchSize: 16, MaxBatchSize: 512),
        Goals = [new("compression_ratio", Minimum: 3), new("accuracy_drop", Maximum: 0.01)],
    };

    /// <summary>Distill a trained CNN (the teacher) into a student a tenth of its size.</summary>
    public static ExerciseDescription Distill { get; } = new()
    {
        Id = "distill",
        QuestionKeywords = ["蒸馏", "Distillation", "distillation"],
        Title = "Knowledge distillation: a student a tenth the size of the teacher",
        Summary =
            "ctx.LoadPretrained() gives the teacher, a trained DigitNet of about 215,000 parameters. ctx.Mnist holds only " +
            $"{DistillRules.LabelledCount:N0} labelled training digits; ctx.UnlabelledImages the other {8000 - DistillRules.LabelledCount:N0}, without labels. " +
            "Train a student DigitNet with at most a tenth of the teacher's parameters (e.g. new DigitNet(8, 16, 24, 3, 3)) " +
            "on the teacher's softened outputs for all the images as well as on the labels you have, and Submit it. " +
            "The judge counts the student's parameters from its submitted weights and runs its own copy on 2,000 held-out digits.",
        Defaults = new(Epochs: 4, LearningRate: 0.005, BatchSize: 128, Seed: 1),
        Limits = new(MaxEpochs: 10, 1e-5, 0.05, MinBatchSize: 16, MaxBatchSize: 512),
        Goals = [new("parameter_ratio", Maximum: 0.1), new("test_accuracy", Minimum: 0.95)],
    };

    /// <summary>Transfer learning: fine-tune a backbone pretrained on the digits 0–4 to classify 5–9 from a few labelled images.</summary>
    public static ExerciseDescription Transfer { get; } = new()
    {
        Id = "transfer",
        QuestionKeywords = ["迁移学习", "transfer learning", "Transfer Learning", "微调"],
        Title = "Transfer learning: digits 5–9 from a backbone pretrained on 0–4",
        Summary =
            $"ctx.Transfer holds only {TransferRules.ImagesPerDigit} labelled images of each digit 5–9 (Images [250, 1, 28, 28], " +
            "Labels 0–4 for the digits 5–9) and LoadBackbone(): a CNN pretrained on the digits 0–4 (Features, Head). " +
            "Reuse its features, put a new head on them, freeze or fine-tune, and Submit the classifier: it maps " +
            "[N, 1, 28, 28] images to [N, 5] scores of the digits 5–9. The judge measures accuracy on about 1,000 " +
            "held-out digits 5–9. The budget is 2 epochs of batches of at least 25 (20 steps): the same network " +
            "trained from scratch on the same images reaches 0.78; the goal asks for more than 10 points above that.",
        Defaults = new(Epochs: 2, LearningRate: 0.003, BatchSize: 25, Seed: 1),
        // The budget is what makes the comparison: given enough steps, a CNN learns these easy digits
        // from 250 images too. At most 2 epochs of at least 25 images a batch.
        Limits = new(MaxEpochs: 2, 1e-5, 0.1, MinBatchSize: 25, MaxBatchSize: 250),
        Goals = [new("test_accuracy", Minimum: 0.90)],
    };

    public static IReadOnlyList<ExerciseDescription> All { get; } = [Cnn, Lstm, Gan, Dqn, Transformer, RnnClassify, Transfer, Prune, Quantize, Distill];

    /// <summary>
    /// The importer's fallback for a coding question that declares no exercise: the one its title's
    /// keywords name. The more specific exercises are tried first (a "GAN for image generation" question is a
    /// gan exercise, an "RNN sequence classification" one an rnn-classify exercise).
    /// </summary>
    public static ExerciseDescription? ForQuestionTitle(string title) =>
        new ExerciseDescription[] { Gan, Dqn, Transformer, RnnClassify, Transfer, Lstm, Prune, Quantize, Distill, Cnn }
            .FirstOrDefault(exercise => exercise.QuestionKeywords.Any(keyword => title.Contains(keyword, StringComparison.Ordinal)));

    public static ExerciseDescription? Find(string id) =>
        All.FirstOrDefault(exercise => string.Equals(exercise.Id, id, StringComparison.OrdinalIgnoreCase));
}
