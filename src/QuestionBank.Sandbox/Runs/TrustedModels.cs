using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using QuestionBank.Contracts;
using QuestionBank.Exercises;
using QuestionBank.Exercises.Gan;
using QuestionBank.Exercises.Transfer;
using QuestionBank.Sandbox.Jail;
using QuestionBank.Sandbox.Runner;

namespace QuestionBank.Sandbox.Runs;

/// <summary>
/// The networks judges and exercises rely on (the GAN judge's digit classifier, the transfer
/// exercise's backbone). TorchSharp's native library may not load in the worker's own process (its
/// libstdc++ can be too old), so each is trained the first time it is needed, in the jail in a runner
/// mode that loads no user code, with a fixed seed, and cached in the data directory by file name.
/// </summary>
public sealed class TrustedModels(SandboxJail jail, IOptions<SandboxOptions> options, ILogger<TrustedModels> logger)
{
    /// <summary>The weights' files of the trusted models, which <see cref="RunnerMode.TrainJudge"/> trains by name.</summary>
    public static IReadOnlyList<string> FileNames { get; } = [JudgeClassifier.FileName, DigitBackbone.FileName];

    private static readonly SemaphoreSlim Training = new(1, 1);
    private readonly SandboxOptions settings = options.Value;

    /// <summary>The weights of the trusted model <paramref name="fileName"/>, trained first if this data directory has none yet.</summary>
    public async Task<byte[]> GetAsync(string fileName, CancellationToken cancellationToken)
    {
        if (!FileNames.Contains(fileName))
        {
            throw new ArgumentException($"{fileName} is not a trusted model.", nameof(fileName));
        }
        var path = Path.Combine(settings.DataDirectory, fileName);
        await Training.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(path))
            {
                logger.LogInformation("Training the trusted model {Model} into {Path}", fileName, path);
                var digits = await File.ReadAllBytesAsync(Path.Combine(settings.DataDirectory, MnistDigits.FileName), cancellationToken);
                var artifact = await RunAsync(RunnerMode.TrainJudge, fileName,
                    new Dictionary<string, byte[]> { [MnistDigits.FileName] = digits }, cancellationToken);
                logger.LogInformation("Trusted model {Model} trained: held-out accuracy {Accuracy}", fileName, artifact.Metrics?["test_accuracy"]);
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

    /// <summary>Runs a trusted runner mode on <paramref name="model"/> in the jail and returns the artifact it made.</summary>
    public async Task<RunnerMessage> RunAsync(RunnerMode mode, string model, Dictionary<string, byte[]> files, CancellationToken cancellationToken)
    {
        var job = new RunnerJob(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), mode, "", ComputeDevices.Cpu, 1, 0.001, 64, 0,
            settings.OutputLimitKb * 1024, [], model);
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
            $"The trusted {mode} job on {model} failed: {failure?.Diagnostics ?? $"exit code {outcome.ExitCode}. {outcome.Errors.Trim()}"}");
    }
}
