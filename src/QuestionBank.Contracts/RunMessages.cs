using System.Reflection;

namespace QuestionBank.Contracts;

/// <summary>
/// Every message the worker, the runner, the judges and the parameter checks write about a run. The
/// web app shows each in the reader's language from its resources under the same key (a test holds
/// the resources to this list, and their English to these words).
/// </summary>
public static class RunMessages
{
    // The worker's own observations (RunExecutor, SandboxWorker, RunQueue).
    public static readonly RunMessageTemplate NoSuchExercise = new("Run.NoSuchExercise", "There is no exercise '{0}'.");
    public static readonly RunMessageTemplate WrongDevice = new("Run.WrongDevice", "This worker offers {0}, not {1}.");
    public static readonly RunMessageTemplate NoSuchLanguage = new("Run.NoSuchLanguage", "The exercise {0} has no {1} version; it has {2}.");
    public static readonly RunMessageTemplate PythonOnCpuOnly = new("Run.PythonOnCpuOnly",
        "Python runs use Debian's CPU build of PyTorch and run on the cpu device of a worker that offers it; this run asked for {0} on a worker that offers {1}. CUDA runs are C# (TorchSharp) runs.");
    public static readonly RunMessageTemplate Cancelled = new("Run.Cancelled", "Cancelled after {0} s.");
    public static readonly RunMessageTemplate OutputTooCostly = new("Run.OutputTooCostly",
        "The run's standard output cost the worker more than it allows a run ({0} s of CPU to read and check it, 256 MB of protocol lines), and the run was stopped.");
    public static readonly RunMessageTemplate DoesNotCompile = new("Run.DoesNotCompile", "The code does not compile.");
    public static readonly RunMessageTemplate DoesNotCompileFirstListed = new("Run.DoesNotCompileFirstListed",
        "The code does not compile ({0} errors; the first {1} are listed).");
    public static readonly RunMessageTemplate GoalsMissed = new("Run.GoalsMissed", "The judge's metrics miss the goals ({0}).");
    public static readonly RunMessageTemplate TimedOut = new("Run.TimedOut", "The run went over its time limit of {0} s.");
    public static readonly RunMessageTemplate TimedOutAfterWaiting = new("Run.TimedOutAfterWaiting",
        "The run went over its time limit of {0} s (its own time: {1} s on the clock, less {2} s it waited for a CPU).");
    public static readonly RunMessageTemplate CpuLimit = new("Run.CpuLimit", "The run went over its CPU-time limit of {0} s.");
    public static readonly RunMessageTemplate MemoryLimit = new("Run.MemoryLimit", "The run went over its memory limit of {0} MB and was killed.");
    public static readonly RunMessageTemplate MemoryLimitBecause = new("Run.MemoryLimitBecause", "The run went over its memory limit of {0} MB: {1}");
    public static readonly RunMessageTemplate ServerBusy = new("Run.ServerBusy",
        "The server is busy: the run waited {0} s of its {1} s for a CPU and was stopped at the wall-clock cap of {2} s, before its own time reached the limit of {3} s. This is not your code's fault: run it again later.");
    public static readonly RunMessageTemplate ExitedWithoutModel = new("Run.ExitedWithoutModel",
        "The sandbox process exited with code {0} without handing back a model. {1}");
    public static readonly RunMessageTemplate CompileTimedOut = new("Run.CompileTimedOut", "Compiling went over its time limit of {0} s.");
    public static readonly RunMessageTemplate CompileTimedOutAfterWaiting = new("Run.CompileTimedOutAfterWaiting",
        "Compiling went over its time limit of {0} s (its own time: {1} s on the clock, less {2} s it waited for a CPU).");
    public static readonly RunMessageTemplate CompileCpuLimit = new("Run.CompileCpuLimit", "Compiling went over the run's CPU-time limit of {0} s.");
    public static readonly RunMessageTemplate CompileMemoryLimit = new("Run.CompileMemoryLimit", "Compiling went over the memory limit of {0} MB and was stopped.");
    public static readonly RunMessageTemplate CompileServerBusy = new("Run.CompileServerBusy",
        "The server is busy: compiling was stopped at the wall-clock cap of {0} s, before its own time reached the limit of {1} s. This is not your code's fault: run it again later.");
    public static readonly RunMessageTemplate ExitedBeforeCompiled = new("Run.ExitedBeforeCompiled",
        "The sandbox process exited with code {0} before compiling finished. {1}");
    public static readonly RunMessageTemplate JudgeFailed = new("Run.JudgeFailed", "The judge failed: {0}");
    public static readonly RunMessageTemplate SandboxFailed = new("Run.SandboxFailed", "The sandbox could not run this: {0}");
    public static readonly RunMessageTemplate WorkerStoppedResponding = new("Run.WorkerStoppedResponding",
        "The sandbox worker running this run stopped responding, on every attempt.");

    // The runner's failures that carry no words of the user code: the worker accepts only these keys from the jail (RunnerWords).
    public static readonly RunMessageTemplate NotSubmitted = new("Runner.NotSubmitted", "Run returned without handing back a model: call ctx.Submit(model).");
    public static readonly RunMessageTemplate RunnerCancelled = new("Runner.Cancelled", "The run was cancelled.");
    public static readonly RunMessageTemplate RanOutOfMemory = new("Runner.OutOfMemory", "The run ran out of memory.");

    // The parameter checks (ParameterLimits), shown by the exercise panel and the API.
    public static readonly RunMessageTemplate EpochsOutOfRange = new("Parameter.Epochs", "Epochs must be between 1 and {0}.");
    public static readonly RunMessageTemplate LearningRateOutOfRange = new("Parameter.LearningRate", "The learning rate must be between {0} and {1}.");
    public static readonly RunMessageTemplate BatchSizeOutOfRange = new("Parameter.BatchSize", "The batch size must be between {0} and {1}.");
    public static readonly RunMessageTemplate NegativeSeed = new("Parameter.Seed", "The seed must not be negative.");

    // Why a judge could not judge the submitted model (JudgeException).
    public static readonly RunMessageTemplate ModelProcessEnded = new("Judge.ProcessEnded", "The model's process ended before it answered.");
    public static readonly RunMessageTemplate ForwardFailed = new("Judge.ForwardFailed", "The model's forward failed: {0}");
    public static readonly RunMessageTemplate RankTooHigh = new("Judge.RankTooHigh",
        "The model answered with a tensor of rank {0}; no exercise's answer has a rank over {1}.");
    public static readonly RunMessageTemplate NotATensor = new("Judge.NotATensor", "The model answered with something that is not a tensor.");
    public static readonly RunMessageTemplate StateUnreadable = new("Judge.StateUnreadable", "The model's state could not be read: {0}");
    public static readonly RunMessageTemplate StateMissingOrTooBig = new("Judge.StateMissingOrTooBig", "The model answered with no state, or one that is too big.");
    public static readonly RunMessageTemplate NotAState = new("Judge.NotAState", "The model answered with something that is not a state.");
    public static readonly RunMessageTemplate ClassifierShape = new("Judge.ClassifierShape", "The classifier returned a tensor of shape {0}; expected {1}.");
    public static readonly RunMessageTemplate ForecasterShape = new("Judge.ForecasterShape", "The forecaster returned a tensor of shape {0}; expected {1}.");
    public static readonly RunMessageTemplate GeneratorShape = new("Judge.GeneratorShape", "The generator returned a tensor of shape {0}; expected {1}.");
    public static readonly RunMessageTemplate StateTooLarge = new("Judge.StateTooLarge", "The model's state has {0} bytes; at most {1} are accepted.");
    public static readonly RunMessageTemplate StateNotQbState = new("Judge.StateNotQbState", "The model's state is not in the QBSTATE1 format.");
    public static readonly RunMessageTemplate StateTensorCount = new("Judge.StateTensorCount", "The model's state has {0} tensors; 1 to {1} are accepted.");
    public static readonly RunMessageTemplate StateNameTwice = new("Judge.StateNameTwice", "The model's state names {0} twice.");
    public static readonly RunMessageTemplate TensorUnknownType = new("Judge.TensorUnknownType",
        "The tensor {0} has an unknown type {1}; the judge reads float32 and int8.");
    public static readonly RunMessageTemplate TensorRank = new("Judge.TensorRank", "The tensor {0} has rank {1}; 1 to {2} are accepted.");
    public static readonly RunMessageTemplate TensorSize = new("Judge.TensorSize", "The tensor {0} has a size {1}.");
    public static readonly RunMessageTemplate TensorTooLarge = new("Judge.TensorTooLarge", "The tensor {0} is larger than {1} bytes.");
    public static readonly RunMessageTemplate StateDataTooLarge = new("Judge.StateDataTooLarge", "The model's state holds more than {0} bytes of data.");
    public static readonly RunMessageTemplate StateTrailingBytes = new("Judge.StateTrailingBytes", "The model's state has bytes after its last tensor.");
    public static readonly RunMessageTemplate StateBadName = new("Judge.StateBadName",
        "The model's state has a tensor name that is empty, too long or not made of letters, digits, '_' and '.'.");
    public static readonly RunMessageTemplate StateTruncated = new("Judge.StateTruncated", "The model's state is truncated.");
    public static readonly RunMessageTemplate StateMissing = new("Judge.StateMissing", "The model's state has no {0}.");
    public static readonly RunMessageTemplate NotInNetwork = new("Judge.NotInNetwork",
        "The model's state holds {0}, which is not part of the network (conv1, conv2, fc1, fc2: weight, bias, and scale for int8 weights).");
    public static readonly RunMessageTemplate NetworkTooWide = new("Judge.NetworkTooWide", "The network is wider than the judge accepts ({0} channels, {1} hidden units).");
    public static readonly RunMessageTemplate MustBeFloat32 = new("Judge.MustBeFloat32", "{0} must be float32.");
    public static readonly RunMessageTemplate WrongRank = new("Judge.WrongRank", "{0} has shape {1}; expected rank {2}.");
    public static readonly RunMessageTemplate WrongShape = new("Judge.WrongShape", "{0} has shape {1}; expected {2}.");
    public static readonly RunMessageTemplate WrongKernel = new("Judge.WrongKernel", "{0} has a {1}×{1} kernel; the judge runs 3×3 and 5×5 convolutions.");
    public static readonly RunMessageTemplate ScaleOnlyForInt8 = new("Judge.ScaleOnlyForInt8", "{0} is only for int8 weights.");
    public static readonly RunMessageTemplate Int8NeedsScale = new("Judge.Int8NeedsScale", "{0} is int8 and needs {1} (float32, one per output channel).");
    public static readonly RunMessageTemplate ScaleNegative = new("Judge.ScaleNegative", "{0} must be float32 and not negative.");
    public static readonly RunMessageTemplate NotFinite = new("Judge.NotFinite", "{0} holds a value that is not finite.");
    public static readonly RunMessageTemplate NotPretrainedShape = new("Judge.NotPretrainedShape",
        "The submitted network is {0}; this exercise keeps the pretrained network's shape ({1}).");
    public static readonly RunMessageTemplate QNetworkLayerCount = new("Judge.QNetworkLayerCount",
        "The Q-network must be Linear layers with ReLU between them (as the starter's QNetwork), at most {0} of them; its state has {1} tensors.");
    public static readonly RunMessageTemplate QNetworkPair = new("Judge.QNetworkPair",
        "The Q-network must be Linear layers with ReLU between them (as the starter's QNetwork): expected a float32 weight and its bias, found {0} and {1}.");
    public static readonly RunMessageTemplate QNetworkShape = new("Judge.QNetworkShape",
        "The Q-network must be Linear layers with ReLU between them (as the starter's QNetwork): {0} is {1} and {2} {3}; expected [out ≤ {4}, {5}] and [out].");
    public static readonly RunMessageTemplate QNetworkNotFinite = new("Judge.QNetworkNotFinite",
        "The Q-network must be Linear layers with ReLU between them (as the starter's QNetwork): {0} or {1} holds a value that is not finite.");
    public static readonly RunMessageTemplate QNetworkOutputs = new("Judge.QNetworkOutputs",
        "The Q-network must be Linear layers with ReLU between them (as the starter's QNetwork): its last layer has {0} outputs; expected {1}, one value per action.");

    /// <summary>Every template above.</summary>
    public static IReadOnlyList<RunMessageTemplate> All { get; } =
        [.. typeof(RunMessages).GetFields(BindingFlags.Public | BindingFlags.Static).Select(field => field.GetValue(null)).OfType<RunMessageTemplate>()];

    /// <summary>The runner's words for a failure, by key: only these, which take no arguments, are believed from the jail.</summary>
    public static IReadOnlyList<RunMessageTemplate> RunnerWords { get; } = [NotSubmitted, RunnerCancelled, RanOutOfMemory];
}
