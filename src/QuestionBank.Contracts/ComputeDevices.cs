namespace QuestionBank.Contracts;

/// <summary>The devices a run may ask for, as stored in runs and offered by workers.</summary>
public static class ComputeDevices
{
    public const string Cpu = "cpu";
    public const string Cuda = "cuda";

    public static IReadOnlyList<string> All { get; } = [Cpu, Cuda];
}
