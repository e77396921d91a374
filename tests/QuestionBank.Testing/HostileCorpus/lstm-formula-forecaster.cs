// hostile: trains nothing; forward() is a forecaster written for the series' former public formula (0.003 t + sin(2πt/12) + 0.3 sin(2πt/6)): it finds the t that fits the window best and forecasts the formula's next value
// exercise: lstm
// expect: failed
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

public class Solution
{
    public void Run(ExerciseContext ctx) => ctx.Submit(new Formula());
}

public class Formula : Module<Tensor, Tensor>
{
    public Formula() : base(nameof(Formula)) { }

    public override Tensor forward(Tensor input)
    {
        var count = (int)input.shape[0];
        var length = (int)input.shape[1];
        var values = input.reshape(count, length).data<float>().ToArray();
        var forecasts = new float[count];
        for (var n = 0; n < count; n++)
        {
            var (best, bestError) = (0, double.MaxValue);
            for (var start = 0; start < 2000; start++)
            {
                var error = 0.0;
                for (var i = 0; i < length; i++)
                {
                    var difference = values[n * length + i] - Value(start + i);
                    error += difference * difference;
                }
                if (error < bestError)
                {
                    (best, bestError) = (start, error);
                }
            }
            forecasts[n] = (float)Value(best + length);
        }
        return tensor(forecasts, [count, 1]);
    }

    private static double Value(double t) => 0.003 * t + Math.Sin(2 * Math.PI * t / 12) + 0.3 * Math.Sin(2 * Math.PI * t / 6);
}
