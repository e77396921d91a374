using QuestionBank.Contracts;

namespace QuestionBank.Sandbox.Execution;

/// <summary>
/// What one run may store, at most <see cref="MaxBytes"/> in all, whatever its code does: images
/// (<see cref="MaxImagesBytes"/>, the judge's first), progress (<see cref="MaxProgressBytes"/>,
/// downsampled by <see cref="ProgressSampler"/>), output (<see cref="MaxOutputChars"/>, less
/// when OutputLimitKb says so) and diagnostics (a message and a bounded list of compile errors).
/// </summary>
public static class RunFootprint
{
    public const int MaxBytes = 4 * 1024 * 1024;
    public const int MaxImages = 16;
    public const int MaxImageBytes = 1024 * 1024;
    public const int MaxImagesBytes = 3 * 1024 * 1024;
    public const int MaxProgressBytes = 512 * 1024;
    public const int MaxOutputChars = 64 * 1024;
    public const int MaxMessageLength = 8000;
    public const int MaxCompileErrors = 50;
    public const int MaxCompileErrorLength = 500;
    public const int MaxNameLength = 64;

    /// <summary>The result as it may be stored: every text cut to its cap, images while they fit.</summary>
    public static RunResult Cap(RunResult result)
    {
        var images = new List<RunImage>();
        var imageBytes = 0L;
        foreach (var image in result.Images.Take(MaxImages))
        {
            if (imageBytes + image.Png.Length <= MaxImagesBytes)
            {
                images.Add(image);
                imageBytes += image.Png.Length;
            }
        }
        var errors = result.Diagnostics.CompileErrors.Take(MaxCompileErrors)
            .Select(error => error with { Code = Cut(error.Code, 16), Message = Cut(error.Message, MaxCompileErrorLength) })
            .ToList();
        var message = result.Diagnostics.CompileErrors.Count > MaxCompileErrors
            ? RunMessages.DoesNotCompileFirstListed.With(result.Diagnostics.CompileErrors.Count, MaxCompileErrors)
            : result.Diagnostics.Explanation is { } explanation ? Cap(explanation) : null;
        return result with
        {
            Images = images,
            Diagnostics = new RunDiagnostics(message, errors),
            Output = Cut(result.Output, MaxOutputChars),
        };
    }

    /// <summary>A message with its text and each argument cut to <see cref="MaxMessageLength"/> (an argument may hold the jail's words).</summary>
    public static RunMessage Cap(RunMessage message) => message with
    {
        Text = Cut(message.Text, MaxMessageLength),
        Arguments = [.. message.Arguments.Select(argument => Cut(argument, MaxMessageLength))],
    };

    /// <summary><paramref name="text"/>, or its first <paramref name="length"/> characters and an ellipsis.</summary>
    public static string Cut(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}

/// <summary>
/// Keeps a run's progress under <see cref="RunFootprint.MaxProgressBytes"/> however long it runs:
/// the budget is shared by <see cref="Levels"/> levels of equally many steps, every step in the
/// first, every second step in the next, then every fourth, and so on, so that a long run keeps its
/// whole curve at a coarser grain (a level holds hundreds of small steps, a few dozen large ones).
/// </summary>
public sealed class ProgressSampler
{
    private const int Levels = 16;
    private const int RowBytes = 96;
    private const int MetricBytes = 16;
    private long stored;
    private long seen;
    private long stride = 1;
    private long keptAtStride;

    /// <summary>Whether to store this step (<paramref name="metrics"/> already bounded in count and name length).</summary>
    public bool Keep(IReadOnlyDictionary<string, double> metrics)
    {
        if (seen++ % stride != 0)
        {
            return false;
        }
        var size = RowBytes + metrics.Sum(metric => metric.Key.Length + MetricBytes);
        if (size > RunFootprint.MaxProgressBytes - stored)
        {
            return false;
        }
        stored += size;
        if (++keptAtStride >= Math.Max(8, RunFootprint.MaxProgressBytes / size / Levels))
        {
            stride *= 2;
            keptAtStride = 0;
        }
        return true;
    }
}
