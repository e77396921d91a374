using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.Json;
using QuestionBank.Contracts;
using QuestionBank.Exercises;
using QuestionBank.Exercises.Catalog;
using QuestionBank.Exercises.Compression;
using QuestionBank.Exercises.Gan;
using QuestionBank.Exercises.Transfer;
using QuestionBank.Sandbox.Runner.Compilation;
using static TorchSharp.torch;

namespace QuestionBank.Sandbox.Runner;

/// <summary>
/// Runs one job inside the jail. In exercise mode it compiles the user's source, runs it, and then
/// answers the worker's forward requests with the model the code submitted; it never sees the
/// held-out data and computes no result. The trusted modes train a trusted model (the GAN judge's
/// classifier, the transfer backbone, the compression exercises' DigitNet) or apply one, and load no
/// user code.
/// </summary>
public static class RunnerHost
{
    /// <summary>The float32 pixels [N, 784] that <see cref="RunnerMode.ClassifyDigits"/> and <see cref="RunnerMode.ScoreDigitNet"/> apply their network to.</summary>
    public const string DigitImagesFileName = "digits.bin";

    /// <summary>The DigitNet state (QBSTATE1, float32) that <see cref="RunnerMode.ScoreDigitNet"/> runs.</summary>
    public const string NetworkFileName = "network.bin";

    private const int MaxDiagnosticsLength = 8000;

    public static int Run(Stream input, Stream output)
    {
        var job = JsonSerializer.Deserialize<RunnerHeader>(ReadLine(input), RunnerMessage.Json)
            ?? throw new InvalidDataException("The job header is empty.");
        var files = job.Files.ToDictionary(file => file.Name, file => ReadExactly(input, file.Length));
        var protocol = new ProtocolWriter(output, job.Token);
        using var requests = RequestReader.Start(input);
        try
        {
            switch (job.Mode)
            {
                case RunnerMode.Run:
                    RunSolution(job, Encoding.UTF8.GetString(files[job.SourceFileName]), files, protocol, requests);
                    break;
                case RunnerMode.TrainJudge:
                    SendTrained(protocol, JudgeClassifier.FileName, JudgeClassifier.Train(files[MnistFile.FileName], OpenDevice(job.Device)));
                    break;
                case RunnerMode.TrainBackbone:
                    SendTrained(protocol, DigitBackbone.FileName, DigitBackbone.Train(files[MnistFile.FileName], OpenDevice(job.Device)));
                    break;
                case RunnerMode.ClassifyDigits:
                    SendDigitOutputs(protocol, files, (pixels, count) =>
                        JudgeClassifier.Classify(files[JudgeClassifier.FileName], pixels, count, OpenDevice(job.Device)));
                    break;
                case RunnerMode.TrainDigitNet:
                    SendTrained(protocol, DigitNet.PretrainedFileName, DigitNet.TrainPretrained(files[MnistFile.FileName], OpenDevice(job.Device)));
                    break;
                case RunnerMode.ScoreDigitNet:
                    SendDigitOutputs(protocol, files, (pixels, count) => DigitNet.Score(files[NetworkFileName], pixels, count));
                    break;
            }
        }
        catch (Exception exception)
        {
            protocol.Send(Failure(exception is OutOfMemoryException ? "memory_limit" : "failed", exception.Message));
        }
        return 0;
    }

    private static void RunSolution(RunnerHeader job, string source, Dictionary<string, byte[]> files, ProtocolWriter protocol, RequestReader requests)
    {
        var exercise = ExerciseRegistry.Find(job.Exercise)
            ?? throw new InvalidOperationException($"There is no exercise '{job.Exercise}'.");
        // libtorch loads and the training tensors are built while Roslyn compiles.
        var preparing = Task.Run(() => (Device: OpenDevice(job.Device), Training: exercise.LoadTraining(files)));
        var compiled = new SolutionCompiler().Compile(source);
        protocol.Send(new RunnerMessage("", RunnerMessage.Compiled, CompileErrors: compiled.Errors));
        if (!compiled.Succeeded || !requests.WaitForStart())
        {
            return;
        }
        var (device, training) = preparing.GetAwaiter().GetResult();
        var solution = AssemblyLoadContext.Default.LoadFromStream(new MemoryStream(compiled.Assembly!)).GetType("Solution")
            ?? throw new InvalidOperationException("The compiled code has no class Solution.");
        var parameters = new ExerciseParameters(job.Epochs, job.LearningRate, job.BatchSize, job.Seed);
        var context = new ExerciseContext(device, parameters, training, protocol, requests.Cancellation);

        random.manual_seed(job.Seed);
        protocol.Send(new RunnerMessage("", RunnerMessage.Started));
        using var console = protocol.CreateConsoleCapture(job.OutputLimitBytes);
        Console.SetOut(console);
        Console.SetError(console);
        Console.SetIn(TextReader.Null);
        try
        {
            solution.GetMethod("Run", [typeof(ExerciseContext)])!.Invoke(Activator.CreateInstance(solution), [context]);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            protocol.Send(exception.InnerException switch
            {
                OperationCanceledException when requests.Cancellation.IsCancellationRequested => Failure("cancelled", RunMessages.RunnerCancelled),
                OutOfMemoryException => Failure("memory_limit", RunMessages.RanOutOfMemory),
                var inner => Failure("failed", Truncate(inner.ToString())),
            });
            return;
        }
        if (requests.Cancellation.IsCancellationRequested)
        {
            protocol.Send(Failure("cancelled", RunMessages.RunnerCancelled));
            return;
        }
        if (context.SubmittedModel is not { } model)
        {
            protocol.Send(Failure("failed", RunMessages.NotSubmitted));
            return;
        }
        console.Flush();
        protocol.Send(new RunnerMessage("", RunnerMessage.Ready));
        foreach (var request in requests.Questions())
        {
            protocol.Send(request.Type == RunnerRequest.State ? StateAnswer(model, request) : Answer(model, request, device));
        }
    }

    private static RunnerMessage Answer(nn.Module<Tensor, Tensor> model, RunnerRequest request, Device device)
    {
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            model.eval();
            var input = tensor(RunnerMessage.DecodeFloats(request.Data!), request.Shape!.Select(size => (long)size).ToArray()).to(device);
            var result = model.forward(input).detach().cpu().to_type(ScalarType.Float32).contiguous();
            return new RunnerMessage("", RunnerMessage.Answer, Id: request.Id, Shape: [.. result.shape.Select(size => (int)size)],
                Data: RunnerMessage.EncodeFloats(result.data<float>().ToArray()));
        }
        catch (Exception exception)
        {
            return new RunnerMessage("", RunnerMessage.Answer, Id: request.Id, Diagnostics: Truncate(exception.Message));
        }
    }

    private static RunnerMessage StateAnswer(nn.Module<Tensor, Tensor> model, RunnerRequest request)
    {
        try
        {
            return new RunnerMessage("", RunnerMessage.Answer, Id: request.Id, Data: Convert.ToBase64String(ModelStates.Capture(model).ToBytes()));
        }
        catch (Exception exception)
        {
            return new RunnerMessage("", RunnerMessage.Answer, Id: request.Id, Diagnostics: Truncate(exception.Message));
        }
    }

    private static void SendTrained(ProtocolWriter protocol, string name, (byte[] Weights, double TestAccuracy) trained) =>
        protocol.Send(new RunnerMessage("", RunnerMessage.Artifact, Name: name, Data: Convert.ToBase64String(trained.Weights),
            Metrics: new Dictionary<string, double> { ["test_accuracy"] = trained.TestAccuracy }));

    /// <summary>Sends what <paramref name="apply"/> makes of the job's digit images (<see cref="DigitImagesFileName"/>, and how many there are).</summary>
    private static void SendDigitOutputs(ProtocolWriter protocol, Dictionary<string, byte[]> files, Func<float[], int, float[]> apply)
    {
        var pixels = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(files[DigitImagesFileName]).ToArray();
        var outputs = apply(pixels, pixels.Length / MnistFile.PixelsPerImage);
        protocol.Send(new RunnerMessage("", RunnerMessage.Artifact, Data: RunnerMessage.EncodeFloats(outputs)));
    }

    private static Device OpenDevice(string name) => name switch
    {
        ComputeDevices.Cpu => CPU,
        ComputeDevices.Cuda when cuda.is_available() => CUDA,
        ComputeDevices.Cuda => throw new InvalidOperationException(
            "CUDA was requested, but this worker's libtorch finds no CUDA device. Run cuda exercises on a worker built with -p:TorchDevice=cuda on a machine with an NVIDIA GPU."),
        _ => throw new InvalidOperationException($"Unknown device '{name}'; use {string.Join(" or ", ComputeDevices.All)}."),
    };

    private static RunnerMessage Failure(string status, string diagnostics) =>
        new("", RunnerMessage.Failure, Status: status, Diagnostics: diagnostics);

    private static RunnerMessage Failure(string status, RunMessageTemplate words) =>
        new("", RunnerMessage.Failure, Status: status, Diagnostics: words.English, Key: words.Key);

    private static string Truncate(string text) =>
        text.Length <= MaxDiagnosticsLength ? text : text[..MaxDiagnosticsLength] + "…";

    // Byte-wise, so that nothing after the header line is read ahead into a buffer.
    private static string ReadLine(Stream input)
    {
        var line = new List<byte>();
        for (var b = input.ReadByte(); b is not -1 and not '\n'; b = input.ReadByte())
        {
            line.Add((byte)b);
        }
        return Encoding.UTF8.GetString([.. line]);
    }

    private static byte[] ReadExactly(Stream input, int length)
    {
        var buffer = new byte[length];
        input.ReadExactly(buffer);
        return buffer;
    }
}
