using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using QuestionBank.Contracts;
using QuestionBank.Exercises;
using QuestionBank.Exercises.Gan;
using QuestionBank.Exercises.Judging;
using QuestionBank.Sandbox.Jail;
using QuestionBank.Sandbox.Runner;

namespace QuestionBank.Sandbox.Runs;

/// <summary>
/// The GAN judge's digit classifier. TorchSharp's native library may not load in the worker's own
/// process (its libstdc++ can be too old), so the classifier is trained, once per data directory,
/// and applied in the jail, in runner modes that load no user code.
/// </summary>
public sealed class DigitClassifier(SandboxJail jail, IOptions<SandboxOptions> options, ILogger<DigitClassifier> logger) : IDigitClassifier
{
    private static readonly SemaphoreSlim Training = new(1, 1);
    private readonly SandboxOptions settings = options.Value;

    public async Task<float[]> ClassifyAsync(float[] pixels, int count, CancellationToken cancellationToken)
    {
        var weights = await EnsureTrainedAsync(cancellationToken);
        var artifact = await RunTrustedAsync(RunnerMode.ClassifyDigits, new Dictionary<string, byte[]>
        {
            [JudgeClassifier.FileName] = weights,
            [JobRunner.DigitImagesFileName] = MemoryMarshal.AsBytes(pixels.AsSpan()).ToArray(),
        }, cancellationToken);
        var probabilities = RunnerMessage.DecodeFloats(artifact.Data!);
        return probabilities.Length == count * 10
            ? probabilities
            : throw new InvalidOperationException($"The judge classifier returned {probabilities.Length} probabilities for {count} digits.");
    }

    /// <summary>The classifier's weights, trained with trusted code and a fixed seed the first time they are needed.</summary>
    private async Task<byte[]> EnsureTrainedAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(settings.DataDirectory, JudgeClassifier.FileName);
        await Training.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(path))
            {
                logger.LogInformation("Training the GAN judge's digit classifier into {Path}", path);
                var digits = await File.ReadAllBytesAsync(Path.Combine(settings.DataDirectory, MnistDigits.FileName), cancellationToken);
                var artifact = await RunTrustedAsync(RunnerMode.TrainJudge,
                    new Dictionary<string, byte[]> { [MnistDigits.FileName] = digits }, cancellationToken);
                logger.LogInformation("GAN judge classifier trained: held-out accuracy {Accuracy}", artifact.Metrics?["test_accuracy"]);
                var partial = path + ".partial";
                await File.WriteAllBytesAsync(partial, Convert.FromBase64String(artifact.Data!), cancellationToken);
                File.Move(partial, path, overwrite: true);
            }
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        finally
        {
            Training.Release();
        }
    }

    private async Task<RunnerMessage> RunTrustedAsync(RunnerMode mode, Dictionary<string, byte[]> files, CancellationToken cancellationToken)
    {
        var job = new RunnerJob(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), mode, "gan", ComputeDevices.Cpu, 1, 0.001, 64, 0,
            settings.OutputLimitKb * 1024, []);
        await using var session = await jail.StartAsync(job, null, files, cancellationToken);
        RunnerMessage? artifact = null, failure = null;
        await foreach (var message in session.Messages.ReadAllAsync(CancellationToken.None))
        {
            switch (message.Type)
            {
                case RunnerMessage.Artifact when message.Data is not null:
                    artifact ??= message;
                    break;
                case RunnerMessage.Failure:
                    failure ??= message;
                    break;
            }
        }
        var outcome = await session.Completion;
        return artifact ?? throw new InvalidOperationException(
            $"The judge classifier's {mode} job failed: {failure?.Diagnostics ?? $"exit code {outcome.ExitCode}. {outcome.Errors.Trim()}"}");
    }
}
