using static TorchSharp.torch;

namespace QuestionBank.Exercises;

/// <summary>A univariate time series and the window length a forecaster looks back over.</summary>
public sealed class SeriesData(float[] values, int window)
{
    public IReadOnlyList<float> Values { get; } = values;

    public int Window { get; } = window;

    /// <summary>
    /// Every sliding window of the series: inputs [N, Window, 1] and the value after each window,
    /// targets [N, 1].
    /// </summary>
    public (Tensor Inputs, Tensor Targets) Windows() => Windows(values, Window, Window);

    internal static (Tensor Inputs, Tensor Targets) Windows(float[] series, int window, int firstTarget)
    {
        var count = series.Length - firstTarget;
        var inputs = new float[count * window];
        var targets = new float[count];
        for (var i = 0; i < count; i++)
        {
            var target = firstTarget + i;
            Array.Copy(series, target - window, inputs, i * window, window);
            targets[i] = series[target];
        }
        return (tensor(inputs, [count, window, 1]), tensor(targets, [count, 1]));
    }
}
