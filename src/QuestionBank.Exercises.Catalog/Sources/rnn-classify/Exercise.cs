//@ starter
// Classify sequences with a recurrent network: tell a word's language from its letters.
// ctx.Words holds 14,000 words of seven languages: Codes [N, 16] (one code per letter, 0 = padding
// after the word, float32; an embedding wants int64) and Labels [N] (the language's index,
// in an order of the languages drawn for each run, which only these labels teach).
// Hand the trained model to ctx.Submit: the judge shows it 3,500 held-out words as [N, 16] codes and
// expects [N, 7] scores (goal: test_accuracy).
//@ solution
// Reference solution: a GRU reads each word's letter embeddings left to right, and its state after
// the word's last letter (not after the padding that follows) feeds a linear classifier.
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
        var model = new WordGru(words.VocabularySize, embeddingSize: 32, hiddenSize: 64, words.LanguageCount);
        model.to(ctx.Device);
        var optimizer = optim.Adam(model.parameters(), ctx.LearningRate);
        //@ solution
        var shuffle = new Generator((ulong)ctx.Seed);
        //@ end
        var losses = new List<double>();

        for (var epoch = 1; epoch <= ctx.Epochs; epoch++)
        {
            //@ starter
            ctx.CancellationToken.ThrowIfCancellationRequested();
            //@ end
            model.train();
            //@ starter
            // TODO: iterate over shuffled mini-batches of ctx.BatchSize words, and for each compute
            // the cross-entropy loss, back-propagate, clip the gradient norm and take an optimizer step.
            using var scope = NewDisposeScope();
            var loss = functional.cross_entropy(model.forward(words.Codes.to(ctx.Device)), words.Labels.to(ctx.Device));
            losses.Add(loss.item<float>());
            ctx.Report(epoch, ("loss", losses[^1]));
            //@ solution
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
                // Recurrent networks' gradients can spike; clipping keeps a large step from undoing training.
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0);
                optimizer.step();
                lossSum += loss.item<float>() * batch.shape[0];
                correct += scores.argmax(1).eq(labels).sum().item<long>();
            }
            losses.Add(lossSum / words.Count);
            ctx.Report(epoch, ("loss", losses[^1]), ("train_accuracy", correct / words.Count));
            //@ end
        }
        ctx.ReportImage("loss.png", LineChart.Render(losses));
        ctx.Submit(model);
    }
}

public class WordGru : Module<Tensor, Tensor>
{
    private readonly Embedding embedding;
    private readonly GRU gru;
    private readonly Linear classifier;

    public WordGru(int vocabularySize, int embeddingSize, int hiddenSize, int languages) : base(nameof(WordGru))
    {
        embedding = Embedding(vocabularySize, embeddingSize, padding_idx: 0);
        gru = GRU(embeddingSize, hiddenSize, batchFirst: true);
        classifier = Linear(hiddenSize, languages);
        RegisterComponents();
    }

    // codes: [N, T] letter codes (0 = padding after the word) -> [N, languages] scores
    public override Tensor forward(Tensor codes)
    {
        using var scope = NewDisposeScope();
        var letters = codes.to(ScalarType.Int64);
        var (states, _) = gru.forward(embedding.forward(letters));
        //@ starter
        // TODO: the last step has read the padding after shorter words; take each word's state
        // after its own last letter instead (its length is the number of non-zero codes).
        var final = states[.., -1, ..];
        //@ solution
        var last = (letters.ne(0).sum(1) - 1).clamp_min(0);
        var final = states.gather(1, last.view(-1, 1, 1).expand(-1, 1, states.shape[2])).squeeze(1);
        //@ end
        return classifier.forward(final).MoveToOuterDisposeScope();
    }
}
