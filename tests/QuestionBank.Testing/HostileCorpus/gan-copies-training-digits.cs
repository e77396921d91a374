// hostile: a "generator" that trains nothing and returns real training digits, picked by a hash of the judge's noise
// exercise: gan
// expect: failed
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

public class Solution
{
    public void Run(ExerciseContext ctx) => ctx.Submit(new Copier(ctx.Mnist.Images.reshape(-1, 784).data<float>().ToArray()));
}

public class Copier(float[] digits) : Module<Tensor, Tensor>(nameof(Copier))
{
    public override Tensor forward(Tensor noise)
    {
        var count = (int)noise.shape[0];
        var values = noise.data<float>().ToArray();
        var images = new float[count * 784];
        for (var i = 0; i < count; i++)
        {
            var pick = (int)((uint)BitConverter.SingleToInt32Bits(values[i * 64]) % (uint)(digits.Length / 784));
            for (var p = 0; p < 784; p++)
            {
                images[i * 784 + p] = digits[pick * 784 + p] * 2 - 1;
            }
        }
        return tensor(images, [count, 1, 28, 28]);
    }
}
