// hostile: returns real training digits picked by a hash of the judge's noise, each shifted by up to 2 pixels, lightly blurred and with noise added, so that no sample equals a training digit
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
            var hash = (uint)BitConverter.SingleToInt32Bits(values[i * 64]);
            var pick = (int)(hash % (uint)(digits.Length / 784));
            var (dx, dy) = ((int)(hash >> 8) % 5 - 2, (int)(hash >> 12) % 5 - 2);
            for (var y = 0; y < 28; y++)
            {
                for (var x = 0; x < 28; x++)
                {
                    // A 3-pixel horizontal blur of the shifted copy, plus the judge's own noise as grain.
                    float sum = 0;
                    for (var k = -1; k <= 1; k++)
                    {
                        var (sx, sy) = (x - dx + k, y - dy);
                        sum += sx is >= 0 and < 28 && sy is >= 0 and < 28 ? digits[pick * 784 + sy * 28 + sx] * (k == 0 ? 0.5f : 0.25f) : 0;
                    }
                    var grain = 0.1f * values[i * 64 + (y * 28 + x) % 64];
                    images[i * 784 + y * 28 + x] = Math.Clamp(sum + grain, 0, 1) * 2 - 1;
                }
            }
        }
        return tensor(images, [count, 1, 28, 28]);
    }
}
