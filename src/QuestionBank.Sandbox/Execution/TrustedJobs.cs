using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using QuestionBank.Contracts;
using QuestionBank.Exercises;
using QuestionBank.Exercises.Compression;
using QuestionBank.Exercises.Transfer;
using QuestionBank.Sandbox.Jail;
using QuestionBank.Sandbox.Runner;

namespace QuestionBank.Sandbox.Execution;

/// <summary>
/// Jobs of trusted code only (training or applying a judge's own network) in the jail: TorchSharp's
/// native library may not load in the worker's own process (its libstdc++ can be too old). Their
/// jail processes load no user code.
/// </summary>
public sealed class TrustedJobs(SandboxJail jail, IOptions<SandboxOptions> options, ILogger<TrustedJobs> logger)
{
    private static readonly SemaphoreSlim Training = new(1, 1);

    /// <summary>The trusted models an exercise's data files may name, each with the mode that trains it.</summary>
    public static IReadOnlyDictionary<string, RunnerMode> TrainedOnFirstUse { get; } = new Dictionary<string, RunnerMode>
    {
        [DigitNet.PretrainedFileName] = RunnerMode.TrainDigitNet,
        [DigitBackbone.FileName] = RunnerMode.TrainBackbone,
    };
    private readonly SandboxOptions settings = options.Value;

    /// <summary>
    /// The data directory's <paramref name="fileName"/>, trained by <paramref name="mode"/> from the MNIST
    /// digits (with a fixed seed) the first time it is needed.
    /// </summary>
    public async Task<byte[]> EnsureTrainedAsync(string fileName, RunnerMode mode, CancellationToken cancellationToken)
    {
        var path = Path.Combine(settings.DataDirectory, fileName);
        await Training.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(path))
            {
                logger.LogInformation("Training {File} ({Mode}) into {Path}", fileName, mode, path);
                var digits = await File.ReadAllBytesAsync(Path.Combine(settings.DataDirectory, MnistFile.FileName), cancellationToken);
                var artifact = await RunAsync(mode, new Dictionary<string, byte[]> { [MnistFile.FileName] = digits }, cancellationToken);
                logger.LogInformation("{File} trained: held-out accuracy {Accuracy}", fileName, artifact.Metrics?["test_accuracy"]);
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

    /// <summary>
    /// Runs a trusted mode that applies a network to digit images (<see cref="RunnerMode.ClassifyDigits"/>,
    /// <see cref="RunnerMode.ScoreDigitNet"/>): the network's file <paramref name="networkFileName"/> and the
    /// pixels [<paramref name="count"/>, 784] go in, its outputs [<paramref name="count"/>, 10] come back.
    /// </summary>
    public async Task<float[]> ApplyToDigitsAsync(
        RunnerMode mode, string networkFileName, byte[] network, float[] pixels, int count, CancellationToken cancellationToken)
    {
        var artifact = await RunAsync(mode, new Dictionary<string, byte[]>
        {
            [networkFileName] = network,
            [RunnerHost.DigitImagesFileName] = MemoryMarshal.AsBytes(pixels.AsSpan()).ToArray(),
        }, cancellationToken);
        var outputs = RunnerMessage.DecodeFloats(artifact.Data!);
        return outputs.Length == count * 10
            ? outputs
            : throw new InvalidOperationException($"The trusted job {mode} returned {outputs.Length} values for {count} digits.");
    }

    /// <summary>Runs a trusted job and returns what it produced.</summary>
    public async Task<RunnerMessage> RunAsync(RunnerMode mode, Dictionary<string, byte[]> files, CancellationToken cancellationToken)
    {
        var job = new RunnerHeader(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), mode, "gan", ComputeDevices.Cpu, 1, 0.001, 64, 0,
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
            $"The trusted {mode} job failed: {failure?.Diagnostics ?? $"exit code {outcome.ExitCode}. {outcome.Errors.Trim()}"}");
    }
}
