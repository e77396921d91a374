using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.Json;
using QuestionBank.Exercises;
using QuestionBank.Exercises.Gan;
using static TorchSharp.torch;

namespace QuestionBank.Sandbox.Runner;

/// <summary>
/// Runs one job inside the jail: reads the job and its data from standard input, runs the user's
/// solution (or trains the judge classifier), judges the submitted model and reports on standard
/// output. Standard input stays open afterwards so the worker can ask for a cancellation.
/// </summary>
public static class JobRunner
{
    private const int MaxDiagnosticsLength = 8000;

    public static int Run(string solutionPath, Stream input, Stream output)
    {
        var job = JsonSerializer.Deserialize<RunnerJob>(ReadLine(input), RunnerMessage.Json)
            ?? throw new InvalidDataException("The job header is empty.");
        var files = job.Files.ToDictionary(file => file.Name, file => ReadExactly(input, file.Length));
        var protocol = new ProtocolWriter(output, job.Token);
        using var cancellation = new CancellationTokenSource();
        ListenForCancel(input, cancellation);

        try
        {
            var device = OpenDevice(job.Device);
            protocol.Send(job.Mode == RunnerMode.TrainJudge
                ? TrainJudge(files, device)
                : RunSolution(job, solutionPath, files, device, protocol, cancellation.Token));
        }
        catch (Exception exception)
        {
            protocol.Send(Failure(exception is OutOfMemoryException ? "memory_limit" : "failed", exception.Message));
        }
        return 0;
    }

    private static RunnerMessage RunSolution(
        RunnerJob job, string solutionPath, Dictionary<string, byte[]> files, Device device,
        ProtocolWriter protocol, CancellationToken cancellationToken)
    {
        var exercise = ExerciseCatalog.Find(job.Exercise)
            ?? throw new InvalidOperationException($"There is no exercise '{job.Exercise}'.");
        var data = exercise.LoadData(files);
        var parameters = new ExerciseParameters(job.Epochs, job.LearningRate, job.BatchSize, job.Seed);
        var context = new ExerciseContext(device, parameters, data, protocol, cancellationToken);
        var solution = AssemblyLoadContext.Default.LoadFromAssemblyPath(solutionPath).GetType("Solution")
            ?? throw new InvalidOperationException("The compiled code has no class Solution.");

        random.manual_seed(job.Seed);
        protocol.Send(new RunnerMessage("", RunnerMessage.Started));
        using (var console = protocol.CreateConsoleCapture(job.OutputLimitBytes))
        {
            Console.SetOut(console);
            Console.SetError(console);
            Console.SetIn(TextReader.Null);
            try
            {
                solution.GetMethod("Run", [typeof(ExerciseContext)])!.Invoke(Activator.CreateInstance(solution), [context]);
            }
            catch (TargetInvocationException exception) when (exception.InnerException is not null)
            {
                var inner = exception.InnerException;
                return inner switch
                {
                    OperationCanceledException when cancellationToken.IsCancellationRequested => Failure("cancelled", "The run was cancelled."),
                    OutOfMemoryException => Failure("memory_limit", "The run ran out of memory."),
                    _ => Failure("failed", Truncate(inner.ToString())),
                };
            }
        }
        if (cancellationToken.IsCancellationRequested)
        {
            return Failure("cancelled", "The run was cancelled.");
        }

        var model = context.SubmittedModel
            ?? throw new JudgeException("Run returned without handing back a model: call ctx.Submit(model).");
        var metrics = exercise.Judge(model, data, device, protocol);
        return new RunnerMessage("", RunnerMessage.Result, Status: "succeeded", Metrics: metrics);
    }

    private static RunnerMessage TrainJudge(Dictionary<string, byte[]> files, Device device)
    {
        var (weights, accuracy) = JudgeClassifier.Train(files, device);
        return new RunnerMessage("", RunnerMessage.Artifact, Name: JudgeClassifier.FileName,
            Data: Convert.ToBase64String(weights), Metrics: new Dictionary<string, double> { ["test_accuracy"] = accuracy });
    }

    private static Device OpenDevice(string name) => name switch
    {
        "cpu" => CPU,
        "cuda" when cuda.is_available() => CUDA,
        "cuda" => throw new InvalidOperationException(
            "CUDA was requested, but this worker's libtorch finds no CUDA device. Run cuda exercises on a worker built with -p:TorchDevice=cuda on a machine with an NVIDIA GPU."),
        _ => throw new InvalidOperationException($"Unknown device '{name}'; use cpu or cuda."),
    };

    private static RunnerMessage Failure(string status, string diagnostics) =>
        new("", RunnerMessage.Result, Status: status, Diagnostics: diagnostics);

    private static string Truncate(string text) =>
        text.Length <= MaxDiagnosticsLength ? text : text[..MaxDiagnosticsLength] + "…";

    private static void ListenForCancel(Stream input, CancellationTokenSource cancellation)
    {
        var listener = new Thread(() =>
        {
            using var reader = new StreamReader(input);
            while (reader.ReadLine() is { } line)
            {
                if (line == "cancel")
                {
                    cancellation.Cancel();
                }
            }
        })
        { IsBackground = true, Name = "cancel listener" };
        listener.Start();
    }

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
