// hostile: trains nothing; forward() hashes each image's pixels and looks its label up in a table of the public held-out digits built offline (empty here; LearningNotAnswersTests fills it from mnist.bin, as an attacker would)
// exercise: cnn
// expect: failed
// limits: timeout=180
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

public class Solution
{
    public void Run(ExerciseContext ctx) => ctx.Submit(new Lookup());
}

public class Lookup : Module<Tensor, Tensor>
{
    // "hash:label," for every held-out digit: FNV-1a of its 784 pixel bytes.
    private const string Table = "";
    private readonly Dictionary<uint, int> labels = new();

    public Lookup() : base(nameof(Lookup))
    {
        foreach (var entry in Table.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            labels[uint.Parse(entry[..8], System.Globalization.NumberStyles.HexNumber)] = entry[9] - '0';
        }
    }

    public override Tensor forward(Tensor input)
    {
        var count = (int)input.shape[0];
        var pixels = input.reshape(count, 784).data<float>().ToArray();
        var scores = new float[count * 10];
        for (var i = 0; i < count; i++)
        {
            var hash = 2166136261u;
            for (var p = 0; p < 784; p++)
            {
                hash = (hash ^ (byte)Math.Round(pixels[i * 784 + p] * 255)) * 16777619u;
            }
            scores[i * 10 + labels.GetValueOrDefault(hash)] = 1;
        }
        return tensor(scores, [count, 10]);
    }
}
