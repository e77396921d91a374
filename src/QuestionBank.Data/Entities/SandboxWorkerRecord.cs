namespace QuestionBank.Data.Entities;

/// <summary>A sandbox worker's presence: what it offers and when it last said it was alive.</summary>
public sealed class SandboxWorkerRecord
{
    public required string Id { get; set; }

    public required string[] Devices { get; set; }

    public int Slots { get; set; }

    public int Running { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }
}
