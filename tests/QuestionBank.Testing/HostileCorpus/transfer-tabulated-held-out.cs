// hostile: trains nothing; forward() hashes each image's pixels and looks its digit up in a table of every digit 5–9 the judge could hold out, built offline from the public file (empty here; LearningNotAnswersTests fills it from mnist.bin, as an attacker would)
// exercise: transfer
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
    // "hash:class," for every digit 5–9 outside the labelled training ones: FNV-1a of its 784 pixel bytes, class 0–4 for 5–9.
    private const string Table = "";
    private readonly Dictionary<uint, int> classes = new();

    public Lookup() : base(nameof(Lookup))
    {
        foreach (var entry in Table.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            classes[uint.Parse(entry[..8], System.Globalization.NumberStyles.HexNumber)] = entry[9] - '0';
        }
    }

    public override Tensor forward(Tensor input)
    {
        var count = (int)input.shape[0];
        var pixels = input.reshape(count, 784).data<float>().ToArray();
        var scores = new float[count * 5];
        for (var i = 0; i < count; i++)
        {
            var hash = 2166136261u;
            for (var p = 0; p < 784; p++)
            {
                hash = (hash ^ (byte)Math.Round(pixels[i * 784 + p] * 255)) * 16777619u;
            }
            scores[i * 5 + classes.GetValueOrDefault(hash)] = 1;
        }
        return tensor(scores, [count, 5]);
    }
}
