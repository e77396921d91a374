//@ starter
// Tell a word's language from its letters with a Transformer encoder.
// ctx.Words holds 14,000 words of seven languages: Codes [N, 16] (one code per letter, 0 = padding
// after the word, float32; an embedding wants int64) and Labels [N] (the language's index,
// in an order of the languages drawn for each run, which only these labels teach).
// Hand the trained model to ctx.Submit: the judge shows it 3,500 held-out words as [N, 16] codes and
// expects [N, 7] scores (goal: test_accuracy). As given, the model averages letter embeddings: a bag
// of letters that ignores their order.
//@ solution
// Reference solution: a small Transformer encoder over letters. Sinusoidal positional encodings
// tell attention where each letter is (a suffix like "-heit" or "-ción" matters); the padding is
// masked out of attention and of the mean that pools the letters into one vector per word.
//@ end
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
    //@ solution
    private readonly TransformerEncoder encoder;
    //@ end
    private readonly Linear classifier;
    //@ solution
    private readonly Tensor positions;
    //@ end

    public WordTransformer(int vocabularySize, int maxLength, int languages, int modelSize, int heads, int layers) : base(nameof(WordTransformer))
    {
        embedding = Embedding(vocabularySize, modelSize, padding_idx: 0);
        //@ starter
        // TODO: a TransformerEncoder of `layers` TransformerEncoderLayer(modelSize, heads, ...), and a
        // [maxLength, modelSize] positional encoding (sinusoidal, or a learned Embedding of positions).
        //@ solution
        encoder = TransformerEncoder(TransformerEncoderLayer(modelSize, heads, dim_feedforward: 2 * modelSize, dropout: 0.0), layers);
        //@ end
        classifier = Linear(modelSize, languages);
        //@ solution
        positions = Sinusoids(maxLength, modelSize);
        //@ end
        RegisterComponents();
    //@ solution
    }

    // PE[p, 2i] = sin(p / 10000^(2i/d)), PE[p, 2i+1] = cos(p / 10000^(2i/d)): [T, d]
    private static Tensor Sinusoids(int length, int size)
    {
        var position = arange(length, dtype: ScalarType.Float32).unsqueeze(1);
        var frequency = exp(arange(0, size, 2, dtype: ScalarType.Float32) * (-Math.Log(10000.0) / size));
        var table = zeros(length, size);
        table[.., TensorIndex.Slice(0, null, 2)] = sin(position * frequency);
        table[.., TensorIndex.Slice(1, null, 2)] = cos(position * frequency);
        return table;
    //@ end
    }

    // codes: [N, T] letter codes (0 = padding after the word) -> [N, languages] scores
    public override Tensor forward(Tensor codes)
    {
        using var scope = NewDisposeScope();
        var letters = codes.to(ScalarType.Int64);
        //@ starter
        var x = embedding.forward(letters);
        // TODO: add the positional encoding, run the encoder (it takes [T, N, d]) with the padding
        // as src_key_padding_mask, and average only the letters, not the padding.
        var pooled = x.mean([1]);
        //@ solution
        var padding = letters.eq(0);
        // No sqrt(d) scaling: TorchSharp's embeddings start at N(0, 1), and scaled by 8 they would drown
        // the positions (|PE| ≤ 1), leaving a bag of letters.
        // Positions count from the word's end, so a suffix sits at the same positions in every word.
        var lengths = padding.logical_not().sum(1, keepdim: true);
        var fromEnd = (lengths - 1 - arange(letters.shape[1], device: letters.device).unsqueeze(0)).clamp_min(0);
        var x = embedding.forward(letters) + positions.index_select(0, fromEnd.flatten()).view(letters.shape[0], letters.shape[1], -1);
        // TorchSharp's encoder takes [T, N, d]; the key padding mask keeps attention off the padding.
        x = encoder.forward(x.transpose(0, 1), null, padding).transpose(0, 1);
        var keep = padding.logical_not().unsqueeze(-1).to(x.dtype);
        var pooled = (x * keep).sum(1) / keep.sum(1).clamp_min(1);
        //@ end
        return classifier.forward(pooled).MoveToOuterDisposeScope();
    }
}
