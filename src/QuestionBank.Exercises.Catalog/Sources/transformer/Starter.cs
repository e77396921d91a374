// Tell a word's language from its letters with a Transformer encoder.
// ctx.Words holds 14,000 words of seven languages: Codes [N, 16] (one code per letter, 0 = padding
// after the word, float32; an embedding wants int64) and Labels [N] (the language's index).
// Hand the trained model to ctx.Submit: the judge shows it 3,500 held-out words as [N, 16] codes and
// expects [N, 7] scores (goal: test_accuracy). As given, the model averages letter embeddings: a bag
// of letters that ignores their order.
using QuestionBank.Exercises.Imaging;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

public class Solution
{
    public void Run(ExerciseContext ctx)
    {
        var words = ctx.Words;
        var model = new WordTransformer(words.VocabularySize, words.MaxLength, words.LanguageCount, modelSize: 64, heads: 4, layers: 1);
        model.to(ctx.Device);
        var optimizer = optim.AdamW(model.parameters(), ctx.LearningRate, weight_decay: 0.01);
        var shuffle = new Generator((ulong)ctx.Seed);
        var losses = new List<double>();

        for (var epoch = 1; epoch <= ctx.Epochs; epoch++)
        {
            model.train();
            using var order = randperm(words.Count, generator: shuffle);
            double lossSum = 0, correct = 0;
            for (long start = 0; start < words.Count; start += ctx.BatchSize)
            {
                ctx.CancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var batch = order.narrow(0, start, Math.Min(ctx.BatchSize, words.Count - start));
                var labels = words.Labels.index_select(0, batch).to(ctx.Device);
                optimizer.zero_grad();
                var scores = model.forward(words.Codes.index_select(0, batch).to(ctx.Device));
                var loss = functional.cross_entropy(scores, labels);
                loss.backward();
                optimizer.step();
                lossSum += loss.item<float>() * batch.shape[0];
                correct += scores.argmax(1).eq(labels).sum().item<long>();
            }
            losses.Add(lossSum / words.Count);
            ctx.Report(epoch, ("loss", losses[^1]), ("train_accuracy", correct / words.Count));
        }
        ctx.ReportImage("loss.png", LineChart.Render(losses));
        ctx.Submit(model);
    }
}

public class WordTransformer : Module<Tensor, Tensor>
{
    private readonly Embedding embedding;
    private readonly Linear classifier;

    public WordTransformer(int vocabularySize, int maxLength, int languages, int modelSize, int heads, int layers) : base(nameof(WordTransformer))
    {
        embedding = Embedding(vocabularySize, modelSize, padding_idx: 0);
        // TODO: a TransformerEncoder of `layers` TransformerEncoderLayer(modelSize, heads, ...), and a
        // [maxLength, modelSize] positional encoding (sinusoidal, or a learned Embedding of positions).
        classifier = Linear(modelSize, languages);
        RegisterComponents();
    }

    // codes: [N, T] letter codes (0 = padding after the word) -> [N, languages] scores
    public override Tensor forward(Tensor codes)
    {
        using var scope = NewDisposeScope();
        var letters = codes.to(ScalarType.Int64);
        var x = embedding.forward(letters);
        // TODO: add the positional encoding, run the encoder (it takes [T, N, d]) with the padding
        // as src_key_padding_mask, and average only the letters, not the padding.
        var pooled = x.mean([1]);
        return classifier.forward(pooled).MoveToOuterDisposeScope();
    }
}
